"""Where and how fast training runs: the speed modes (issue 21: bf16 autocast around the forward
passes, weights, optimiser state and losses in fp32, and channels_last tensors are together
1.6-1.7x faster a step on an AVX-512 BF16 CPU than fp32; `train.py --benchmark` times each), the
processes of a torchrun launch, and the hardware line a checkpoint records.

bf16 is not always the fast one: on a CPU without native bf16 (AVX2 only) PyTorch emulates it, and
a step measured 16x slower than fp32. So `--precision auto` times both on the machine at hand."""
import os
import platform
import time

import torch

MODES = {"fp32": ("fp32", "contiguous"), "channels_last": ("fp32", "channels_last"),
         "bf16": ("bf16", "contiguous"), "bf16+channels_last": ("bf16", "channels_last")}


def autocast(device, precision):
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=precision == "bf16")


def choose_precision(fp32_seconds, bf16_seconds):
    """bf16 only where it is clearly faster: a tie is not worth its rounding."""
    return "bf16" if bf16_seconds < 0.9 * fp32_seconds else "fp32"


def _probe_seconds(device, precision, memory_format, reps=2):
    """Best of `reps` forward+backward passes of a small G-like convolution stack."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Conv2d(64, 64, 3, padding=1), torch.nn.BatchNorm2d(64), torch.nn.ReLU(),
                              torch.nn.Conv2d(64, 64, 3, padding=1)).to(device, memory_format=memory_format)
    x = torch.randn(8, 64, 16, 16, device=device).contiguous(memory_format=memory_format)
    best = float("inf")
    for i in range(reps + 1):  # the first pass warms up (kernel selection), untimed
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        t0 = time.perf_counter()
        with autocast(device, precision):
            y = net(x)
        y.float().square().mean().backward()
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        if i:
            best = min(best, time.perf_counter() - t0)
    return best


def resolve_precision(requested, device, memory_format):
    """(precision, why): `requested` as given, or for "auto" the faster of bf16 and fp32 here (CUDA: bf16
    where the card supports it; CPU: timed, under a second)."""
    if requested != "auto":
        return requested, "as asked"
    if device.type == "cuda":
        ok = torch.cuda.is_bf16_supported()
        return ("bf16" if ok else "fp32"), ("auto: the card " + ("supports" if ok else "lacks") + " bf16")
    fp32, bf16 = (_probe_seconds(device, p, memory_format) for p in ("fp32", "bf16"))
    return choose_precision(fp32, bf16), f"auto: a probe step took {fp32 * 1e3:.1f} ms in fp32, {bf16 * 1e3:.1f} ms in bf16"


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
