"""Where and how fast training runs: the speed modes (issue 21: bf16 autocast around the forward
passes, weights, optimiser state and losses in fp32, and channels_last tensors are together
1.6-1.7x faster a step on an AVX-512 BF16 CPU than fp32; `train.py --benchmark` times each), the
processes of a torchrun launch, and the hardware line a checkpoint records."""
import os
import platform

import torch

MODES = {"fp32": ("fp32", "contiguous"), "channels_last": ("fp32", "channels_last"),
         "bf16": ("bf16", "contiguous"), "bf16+channels_last": ("bf16", "channels_last")}


def autocast(device, precision):
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=precision == "bf16")


def memory_format_of(name):
    return torch.channels_last if name == "channels_last" else torch.contiguous_format


def distributed_setup(device_arg):
    """(rank, world, device) under torchrun (WORLD_SIZE > 1), else (0, 1, None)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return 0, 1, None
    import torch.distributed as dist
    use_cuda = (device_arg or ("cuda" if torch.cuda.is_available() else "cpu")) == "cuda"
    dist.init_process_group("nccl" if use_cuda else "gloo")
    rank, local = dist.get_rank(), int(os.environ.get("LOCAL_RANK", "0"))
    if use_cuda:
        torch.cuda.set_device(local)
        return rank, world, torch.device("cuda", local)
    return rank, world, torch.device("cpu")


def hardware_line(device, threads):
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    cpu = platform.processor() or "CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{threads} CPU thread{'s' if threads != 1 else ''} ({cpu})"
