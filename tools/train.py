#!/usr/bin/env python3
"""Trains a Ganvas generator (tools/ganvas_tools/gan.py) on a small folder of pictures.

Hinge loss, spectral norm in D, DiffAugment ('color,translation,cutout', Zhao et al. 2020) on
everything D sees, an EMA of G (BN buffers copied each step, re-estimated from 1,024 samples when
saving), optional R1 on reals, Adam.  Checkpoints and sample grids go to RUN_DIR (keep it outside
the repository, e.g. /work/data/runs/NAME); --resume carries on from RUN_DIR/last.pt.

    python3 tools/train.py /work/data/emoji /work/data/runs/emoji --ngf 32 --minutes 50
    python3 tools/train.py /work/data/emoji /work/data/runs/emoji --resume --minutes 30

Stops at --steps or after --minutes of wall-clock time (whichever comes first) and saves.

Options beyond the DCGAN baseline: `--arch sle` (skip-layer excitation, ganvas_tools/gan.py), `--init-from
MODEL.safetensors` (warm-start G's trunk from a shipped model file), `--lecam W` (LeCam
regularisation, Tseng et al. 2021).  Several processes train one model through PyTorch's own
launcher (DistributedDataParallel; gloo on CPU, NCCL on CUDA; --batch is the global batch):

    torchrun --standalone --nproc_per_node 2 tools/train.py DATA RUN_DIR --threads 1 --minutes 5
"""
import argparse
import copy
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from ganvas_tools.gan import ARCHS, RESOLUTION, Discriminator, count_params, make_generator  # noqa: E402
from ganvas_tools.modelfile import read_model  # noqa: E402
from ganvas_tools.latent import seeded_latents  # noqa: E402
from ganvas_tools.pixels import load_folder, save_grid, to_pixels  # noqa: E402
from ganvas_tools.run_record import record_invocation  # noqa: E402


# ---------------------------------------------------------------------------------------------
# DiffAugment (Zhao et al., "Differentiable Augmentation for Data-Efficient GAN Training", 2020),
# following the authors' PyTorch code (github.com/mit-han-lab/data-efficient-gans, BSD-2-Clause).

def rand_brightness(x):
    return x + (torch.rand(x.size(0), 1, 1, 1, dtype=x.dtype, device=x.device) - 0.5)


def rand_saturation(x):
    mean = x.mean(dim=1, keepdim=True)
    return (x - mean) * (torch.rand(x.size(0), 1, 1, 1, dtype=x.dtype, device=x.device) * 2) + mean


def rand_contrast(x):
    mean = x.mean(dim=[1, 2, 3], keepdim=True)
    return (x - mean) * (torch.rand(x.size(0), 1, 1, 1, dtype=x.dtype, device=x.device) + 0.5) + mean


def rand_translation(x, ratio=0.125):
    shift_x, shift_y = int(x.size(2) * ratio + 0.5), int(x.size(3) * ratio + 0.5)
    tx = torch.randint(-shift_x, shift_x + 1, size=[x.size(0), 1, 1], device=x.device)
    ty = torch.randint(-shift_y, shift_y + 1, size=[x.size(0), 1, 1], device=x.device)
    gb, gx, gy = torch.meshgrid(torch.arange(x.size(0), device=x.device),
                                torch.arange(x.size(2), device=x.device),
                                torch.arange(x.size(3), device=x.device), indexing="ij")
    gx = torch.clamp(gx + tx + 1, 0, x.size(2) + 1)
    gy = torch.clamp(gy + ty + 1, 0, x.size(3) + 1)
    x_pad = F.pad(x, [1, 1, 1, 1, 0, 0, 0, 0])
    return x_pad.permute(0, 2, 3, 1).contiguous()[gb, gx, gy].permute(0, 3, 1, 2)


def rand_cutout(x, ratio=0.5):
    size = int(x.size(2) * ratio + 0.5), int(x.size(3) * ratio + 0.5)
    ox = torch.randint(0, x.size(2) + (1 - size[0] % 2), size=[x.size(0), 1, 1], device=x.device)
    oy = torch.randint(0, x.size(3) + (1 - size[1] % 2), size=[x.size(0), 1, 1], device=x.device)
    gb, gx, gy = torch.meshgrid(torch.arange(x.size(0), device=x.device),
                                torch.arange(size[0], device=x.device),
                                torch.arange(size[1], device=x.device), indexing="ij")
    gx = torch.clamp(gx + ox - size[0] // 2, min=0, max=x.size(2) - 1)
    gy = torch.clamp(gy + oy - size[1] // 2, min=0, max=x.size(3) - 1)
    mask = torch.ones(x.size(0), x.size(2), x.size(3), dtype=x.dtype, device=x.device)
    mask[gb, gx, gy] = 0
    return x * mask.unsqueeze(1)


AUGMENT_FNS = {"color": [rand_brightness, rand_saturation, rand_contrast],
               "translation": [rand_translation], "cutout": [rand_cutout]}


def diff_augment(x, policy, memory_format=torch.contiguous_format):
    for p in filter(None, policy.split(",")):
        for f in AUGMENT_FNS[p]:
            x = f(x)
    return x.contiguous(memory_format=memory_format)


# ---------------------------------------------------------------------------------------------

def load_pictures(source, size):
    """All pictures of a folder, or of a packed data set (`.npz`, tools/kit/pack.py), as a uint8
    tensor [N, 3, size, size]."""
    pictures = load_folder(source, size, require_size=True)
    return torch.from_numpy(np.ascontiguousarray(pictures)).permute(0, 3, 1, 2).contiguous()


@torch.no_grad()
def recalibrated(g_ema, batches=16, batch=64, device="cpu"):
    """A copy of g_ema in eval mode whose BN running statistics are re-estimated from its own
    outputs (`batches` x `batch` samples, plain averages), so eval-mode output matches what the
    EMA weights do rather than the live G's statistics."""
    g = copy.deepcopy(g_ema)
    bns = [m for m in g.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    g.train()
    gen = torch.Generator(device="cpu").manual_seed(12345)
    for _ in range(batches):
        g(torch.randn(batch, g.latent_dim, generator=gen).to(device))
    for m in bns:
        m.momentum = 0.1
    return g.eval()


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


def warm_start(G, model_path):
    """Copies the tensors of a model file (F16 or F32) into G where names and shapes agree; the
    rest (e.g. new SLE gates) keep their initialisation.  Returns how many tensors were copied."""
    tensors, _, _ = read_model(model_path)
    state = G.state_dict()
    copied = {k: torch.from_numpy(v) for k, v in tensors.items() if k in state and tuple(state[k].shape) == v.shape}
    for k, v in tensors.items():
        if k.endswith("running_mean") and k in copied:
            copied[k.replace("running_mean", "num_batches_tracked")] = torch.tensor(1)
    if not copied:
        sys.exit(f"--init-from {model_path}: no tensor matches the generator")
    G.load_state_dict({**state, **copied})
    return len(copied)


# Speed modes (issue 21): bf16 autocast around the forward passes (weights, optimiser state and
# losses stay fp32) and channels_last tensors together are 1.6-1.7x faster a step on an AVX-512
# BF16 CPU than fp32; `--benchmark` times each.
MODES = {"fp32": ("fp32", "contiguous"), "channels_last": ("fp32", "channels_last"),
         "bf16": ("bf16", "contiguous"), "bf16+channels_last": ("bf16", "channels_last")}


def autocast(device, precision):
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=precision == "bf16")


def memory_format_of(name):
    return torch.channels_last if name == "channels_last" else torch.contiguous_format


def relativistic_losses(d_real, d_fake):
    """R3GAN's relativistic pairing loss (Huang et al. 2024): each fake is scored against a real."""
    diff = d_real.float() - d_fake.float()
    return F.softplus(-diff).mean(), F.softplus(diff).mean()


def gradient_penalty(logits, inputs):
    """Zero-centred gradient penalty: E |grad_x D(x)|^2 (R1 on reals, R2 on fakes)."""
    (grad,) = torch.autograd.grad(logits.float().sum(), inputs, create_graph=True)
    return grad.float().pow(2).flatten(1).sum(1).mean()


class LeCam:
    """LeCam regulariser (Tseng et al. 2021): D's outputs on reals are pulled towards its running
    mean on fakes and vice versa, which bounds D on small data sets."""

    def __init__(self, decay=0.99):
        self.decay, self.real, self.fake = decay, 0.0, 0.0

    def penalty(self, d_real, d_fake):
        self.real = self.decay * self.real + (1 - self.decay) * d_real.detach().mean().item()
        self.fake = self.decay * self.fake + (1 - self.decay) * d_fake.detach().mean().item()
        return F.relu(d_real - self.fake).pow(2).mean() + F.relu(self.real - d_fake).pow(2).mean()


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


def save_checkpoint(path, state):
    tmp = path + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)


def discriminator_loss(D, real, fake, cfg, step, r1_every, lecam, autocast_on, fmt):
    """D's loss for one step: hinge or relativistic pairing, optional LeCam, lazy R1 (and R2 with
    r3gan) every `r1_every` steps, optional reconstruction through D's decoder."""
    n = real.shape[0]
    penalise = cfg["r1"] > 0 and step % r1_every == 0
    real_aug = diff_augment(real, cfg["augment"], fmt)
    fake_aug = diff_augment(fake, cfg["augment"], fmt)
    if penalise:
        real_aug = real_aug.detach().requires_grad_(True)
        fake_aug = fake_aug.detach().requires_grad_(cfg["loss"] == "r3gan")
    recon = None
    with autocast_on():
        both = torch.cat([real_aug, fake_aug])
        if cfg["decoder"] > 0:
            logits, decoded = D(both, reconstruct=n)
            recon = decoded.float()
        else:
            logits = D(both)
    logits = logits.float()
    d_real, d_fake = logits[:n], logits[n:]
    if cfg["loss"] == "r3gan":
        loss = relativistic_losses(d_real, d_fake)[0]
    else:
        loss = F.relu(1.0 - d_real).mean() + F.relu(1.0 + d_fake).mean()
    if lecam:
        loss = loss + cfg["lecam"] * lecam.penalty(d_real, d_fake)
    if recon is not None:
        target = F.avg_pool2d(real_aug.detach().float(), 2)
        loss = loss + cfg["decoder"] * F.mse_loss(recon, target)
    r1 = torch.zeros((), device=real.device)
    if penalise:
        r1 = gradient_penalty(d_real, real_aug)
        if cfg["loss"] == "r3gan":
            r1 = r1 + gradient_penalty(d_fake, fake_aug)
        loss = loss + 0.5 * cfg["r1"] * r1_every * r1
    return loss, d_real, d_fake, r1


def benchmark_modes(steps):
    """Runs this command once per speed mode (a fresh process each) and prints ms a step."""
    argv = sys.argv[1:]
    print(f"{'mode':<22} {'ms/step':>8} {'steps/hour':>11}", flush=True)
    for mode in MODES:
        out = subprocess.run([sys.executable, os.path.abspath(__file__)] + argv + ["--benchmark-mode", mode],
                             capture_output=True, text=True)
        lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
        if out.returncode != 0 or not lines:
            print(f"{mode:<22} failed: {(out.stderr or out.stdout).strip().splitlines()[-1:]}", flush=True)
            continue
        dt = json.loads(lines[-1])["s_per_step"]
        print(f"{mode:<22} {dt * 1000:8.0f} {3600 / dt:11,.0f}", flush=True)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="folder of pictures, or a packed data set (.npz, tools/kit/pack.py)")
    ap.add_argument("run_dir", help="checkpoints, samples and log go here (outside the repository)")
    ap.add_argument("--arch", default="dcgan", choices=sorted(ARCHS), help="generator (ganvas_tools/gan.py)")
    ap.add_argument("--init-from", default=None, metavar="MODEL", help="warm-start G from a model file")
    ap.add_argument("--lecam", type=float, default=0.0, metavar="W", help="LeCam regularisation weight (0: off)")
    ap.add_argument("--ngf", type=int, default=32)
    ap.add_argument("--ndf", type=int, default=None, help="default: same as --ngf")
    ap.add_argument("--latent-dim", type=int, default=128)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=100000, help="stop at this total step count")
    ap.add_argument("--minutes", type=float, default=None, help="wall-clock budget of this invocation")
    ap.add_argument("--lr-g", type=float, default=2e-4)
    ap.add_argument("--lr-d", type=float, default=2e-4)
    ap.add_argument("--beta1", type=float, default=0.5)
    ap.add_argument("--beta2", type=float, default=0.999)
    ap.add_argument("--ema", type=float, default=0.999, help="EMA decay of G (warmed up over the first steps)")
    ap.add_argument("--r1", type=float, default=0.0, metavar="GAMMA",
                    help="R1 penalty weight on reals (with --loss r3gan also R2 on fakes; 0: off)")
    ap.add_argument("--loss", default="hinge", choices=["hinge", "r3gan"],
                    help="hinge (spectral-norm D) or R3GAN's relativistic pairing loss (plain D, use --r1)")
    ap.add_argument("--disc", default="dcgan", choices=["dcgan", "projected", "both"],
                    help="D: the small DCGAN-style one, or Projected GAN's (frozen EfficientNet-Lite0 features, "
                         "ganvas_tools/projected.py), or both side by side")
    ap.add_argument("--projected-size", type=int, default=128, metavar="PX",
                    help="--disc projected: pictures are resampled to this side before the feature network")
    ap.add_argument("--decoder", type=float, default=0.0, metavar="W",
                    help="FastGAN's self-supervised decoder in D, reconstruction loss weight (0: off)")
    ap.add_argument("--precision", default="bf16", choices=["bf16", "fp32"],
                    help="bf16: autocast the forward passes (weights and losses stay fp32)")
    ap.add_argument("--memory-format", default="channels_last", choices=["channels_last", "contiguous"])
    ap.add_argument("--r1-every", type=int, default=4, help="lazy R1: every N steps, scaled by N")
    ap.add_argument("--augment", default="color,translation,cutout", help="DiffAugment policy ('' for none)")
    ap.add_argument("--flip", action="store_true", help="also mirror training pictures at random")
    ap.add_argument("--ckpt-every", type=int, default=500)
    ap.add_argument("--keep-every", type=int, default=0, help="also keep step_N.pt every N steps (0: only last.pt)")
    ap.add_argument("--sample-every", type=int, default=250)
    ap.add_argument("--log-every", type=int, default=25)
    ap.add_argument("--threads", type=int, default=None, help="CPU threads for torch")
    ap.add_argument("--device", default=None, help="cuda or cpu (default: cuda when present)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resume", action="store_true", help="carry on from RUN_DIR/last.pt")
    ap.add_argument("--benchmark", type=int, default=0, metavar="N",
                    help="time N steps (after 3 warm-up steps) in each speed mode, print s/step and exit")
    ap.add_argument("--compile", action="store_true", help="torch.compile G and D (slow first steps)")
    ap.add_argument("--benchmark-mode", default=None, choices=sorted(MODES), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.benchmark and not args.benchmark_mode:
        return benchmark_modes(args.benchmark)
    if args.benchmark_mode:
        args.precision, args.memory_format = MODES[args.benchmark_mode]

    start_wall = time.time()
    if args.threads:
        torch.set_num_threads(args.threads)
        torch.set_num_interop_threads(1)
    threads = torch.get_num_threads()
    rank, world, ddp_device = distributed_setup(args.device)
    device = ddp_device or torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    lead = rank == 0  # only the lead process writes checkpoints, samples and the log
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    if world > 1 and args.r1 > 0:
        sys.exit("--r1 is not supported with several processes (double backward through DDP)")
    os.makedirs(args.run_dir, exist_ok=True)
    last_path = os.path.join(args.run_dir, "last.pt")

    ckpt = None
    if args.resume:
        if not os.path.exists(last_path):
            sys.exit(f"--resume: {last_path} does not exist")
        ckpt = torch.load(last_path, map_location="cpu", weights_only=False)
        cfg = ckpt["config"]
        print(f"resuming {last_path} at step {ckpt['step']}", flush=True)
    else:
        cfg = {"arch": args.arch, "lecam": args.lecam, "init_from": args.init_from, "ngf": args.ngf, "ndf": args.ndf or args.ngf, "latent_dim": args.latent_dim,
               "batch": args.batch, "augment": args.augment, "flip": args.flip, "r1": args.r1,
               "loss": args.loss, "decoder": args.decoder, "disc": args.disc, "projected_size": args.projected_size, "ema": args.ema, "lr_g": args.lr_g, "lr_d": args.lr_d,
               "betas": [args.beta1, args.beta2], "data": os.path.abspath(args.data), "resolution": RESOLUTION}
    cfg.setdefault("arch", "dcgan")
    cfg.setdefault("lecam", 0.0)
    cfg.setdefault("loss", "hinge")
    cfg.setdefault("decoder", 0.0)
    cfg.setdefault("disc", "dcgan")
    if cfg["disc"] != "dcgan" and (cfg["decoder"] > 0 or cfg["loss"] != "hinge"):
        sys.exit(f"--disc {cfg['disc']} goes with the hinge loss and no decoder")
    # Every invocation's command line and commit, so a run can be repeated (and resumed runs traced).
    record_invocation(cfg)
    if cfg["batch"] % world:
        sys.exit(f"--batch {cfg['batch']} does not split over {world} processes")
    local_batch = cfg["batch"] // world
    torch.manual_seed(args.seed + (ckpt["step"] if ckpt else 0) + 1000003 * rank)

    data = load_pictures(args.data, RESOLUTION)
    if device.type == "cuda":
        data = data.to(device)  # a few hundred MB at most: batches are then gathered on the GPU
    print(f"{len(data)} pictures from {args.data}; device {device}, {threads} thread(s)", flush=True)

    G = make_generator(cfg["arch"], cfg["latent_dim"], cfg["ngf"]).to(device)
    D = Discriminator(cfg["ndf"], spectral=cfg["loss"] == "hinge", decoder=cfg["decoder"] > 0).to(device)
    if cfg["disc"] in ("projected", "both"):
        from ganvas_tools.projected import EnsembleDiscriminator, ProjectedDiscriminator
        projected = ProjectedDiscriminator(RESOLUTION, cfg["projected_size"]).to(device)
        D = projected if cfg["disc"] == "projected" else EnsembleDiscriminator(D, projected)
    if cfg.get("init_from") and not ckpt:
        print(f"warm start: {warm_start(G, cfg['init_from'])} tensors from {cfg['init_from']}", flush=True)
    G_ema = copy.deepcopy(G).eval()
    for p in G_ema.parameters():
        p.requires_grad_(False)
    opt_g = torch.optim.Adam(G.parameters(), lr=cfg["lr_g"], betas=tuple(cfg["betas"]))
    # Only D's learned parameters (a projected D's feature network and projections stay fixed).
    opt_d = torch.optim.Adam([p for p in D.parameters() if p.requires_grad], lr=cfg["lr_d"], betas=tuple(cfg["betas"]))
    step, train_seconds, history = 0, 0.0, []
    if ckpt:
        G.load_state_dict(ckpt["G"])
        D.load_state_dict(ckpt["D"])
        G_ema.load_state_dict(ckpt["G_ema"])
        opt_g.load_state_dict(ckpt["opt_g"])
        opt_d.load_state_dict(ckpt["opt_d"])
        step, train_seconds, history = ckpt["step"], ckpt["train_seconds"], ckpt.get("history", [])
    print(f"G {count_params(G):,} params ({cfg['arch']}, ngf={cfg['ngf']}), D {count_params(D):,} params "
          f"({cfg['disc']}, ndf={cfg['ndf']}, loss {cfg['loss']}, decoder {cfg['decoder']}); {args.precision}, {args.memory_format}",
          flush=True)
    fmt = memory_format_of(args.memory_format)
    G, D = G.to(memory_format=fmt), D.to(memory_format=fmt)
    G_core, D_core = G, D
    if world > 1:
        from torch.nn.parallel import DistributedDataParallel as DDP
        G, D = DDP(G_core), DDP(D_core)
    if args.compile:
        G, D = torch.compile(G), torch.compile(D)
    lecam = LeCam() if cfg["lecam"] > 0 else None

    fixed_z = torch.from_numpy(seeded_latents(range(1, 65), cfg["latent_dim"])).to(device)
    hardware = hardware_line(device, threads) + (f" x {world} processes" if world > 1 else "")
    session = {"start_step": step, "hardware": hardware, "threads": threads, "device": device.type}
    sample_dir = os.path.join(args.run_dir, "samples")
    os.makedirs(sample_dir, exist_ok=True)
    log = open(os.path.join(args.run_dir, "log.jsonl"), "a") if lead and not args.benchmark else None

    def real_batch():
        idx = torch.randint(0, len(data), (local_batch,), device=data.device)
        x = data[idx].to(device, non_blocking=True).float().div_(127.5).sub_(1.0).contiguous(memory_format=fmt)
        if cfg["flip"]:
            flip = torch.rand(x.size(0), device=device) < 0.5
            x = torch.where(flip.view(-1, 1, 1, 1), x.flip(3), x)
        return x

    def update_ema(s):
        decay = min(cfg["ema"], (1.0 + s) / (10.0 + s))
        with torch.no_grad():
            for pe, p in zip(G_ema.parameters(), G_core.parameters()):
                pe.lerp_(p, 1.0 - decay)
            for be, b in zip(G_ema.buffers(), G_core.buffers()):
                be.copy_(b)

    def checkpoint():
        g_eval = recalibrated(G_ema, device=device)
        sessions = (ckpt or {}).get("sessions", []) + [dict(session, end_step=step)]
        save_checkpoint(last_path, {
            "config": cfg, "step": step, "train_seconds": train_seconds, "sessions": sessions,
            "hardware": hardware, "G": G_core.state_dict(), "D": D_core.state_dict(), "G_ema": g_eval.state_dict(),
            "opt_g": opt_g.state_dict(), "opt_d": opt_d.state_dict(), "history": history})
        if args.keep_every and step % args.keep_every == 0:
            save_checkpoint(os.path.join(args.run_dir, f"step_{step:06d}.pt"), torch.load(last_path, weights_only=False))
        return g_eval

    def sample(g_eval=None):
        g_eval = g_eval or recalibrated(G_ema, device=device)
        with torch.no_grad():
            pix = to_pixels(g_eval(fixed_z))
        save_grid(pix, os.path.join(sample_dir, f"step_{step:06d}.png"))
        save_grid(pix, os.path.join(args.run_dir, "latest.png"))

    budget = args.minutes * 60.0 if args.minutes else float("inf")

    def autocast_on():
        return autocast(device, args.precision)

    G.train()
    D.train()
    t_log, acc = time.time(), {"d": 0.0, "g": 0.0, "real": 0.0, "fake": 0.0, "r1": 0.0, "n": 0}
    bench_steps, bench_t0 = 0, None
    stop_reason = "steps"
    while step < args.steps:
        if time.time() - start_wall >= budget:
            stop_reason = "minutes"
            break
        t0 = time.time()
        # --- D step
        real = real_batch()
        with torch.no_grad(), autocast(device, args.precision):
            fake = G_core(torch.randn(local_batch, cfg["latent_dim"], device=device)).float()
        loss_d, d_real, d_fake, r1 = discriminator_loss(D, real, fake, cfg, step, args.r1_every, lecam, autocast_on, fmt)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # --- G step
        with autocast_on():
            fake = G(torch.randn(local_batch, cfg["latent_dim"], device=device))
            g_logits = D(diff_augment(fake, cfg["augment"], fmt)).float()
        if cfg["loss"] == "r3gan":
            with torch.no_grad(), autocast_on():
                r_logits = D(diff_augment(real, cfg["augment"], fmt)).float()
            loss_g = relativistic_losses(g_logits, r_logits)[0]
        else:
            loss_g = -g_logits.mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        update_ema(step)
        step += 1
        if device.type == "cuda":
            torch.cuda.synchronize()
        train_seconds += time.time() - t0

        if not (torch.isfinite(loss_d) and torch.isfinite(loss_g)):
            print(f"step {step}: loss is not finite (D {loss_d.item()}, G {loss_g.item()}); stopping "
                  f"without saving (last.pt holds the last good checkpoint)", flush=True)
            sys.exit(2)
        if args.benchmark:
            if not lead:
                continue
            bench_steps += 1
            if bench_steps == 3:
                bench_t0 = time.time()
            elif bench_steps == 3 + args.benchmark:
                dt = (time.time() - bench_t0) / args.benchmark
                print(json.dumps({"mode": args.benchmark_mode, "ngf": cfg["ngf"], "ndf": cfg["ndf"], "batch": cfg["batch"],
                                  "threads": threads, "loss": cfg["loss"], "decoder": cfg["decoder"], "disc": cfg["disc"], "compile": args.compile,
                                  "s_per_step": round(dt, 4), "steps_per_50min": int(3000 / dt)}), flush=True)
                return
            continue
        if not lead:
            continue
        acc["d"] += loss_d.item(); acc["g"] += loss_g.item(); acc["n"] += 1
        acc["real"] += d_real.mean().item(); acc["fake"] += d_fake.mean().item(); acc["r1"] += r1.item()
        if step % args.log_every == 0:
            n = acc["n"]
            rec = {"step": step, "loss_d": acc["d"] / n, "loss_g": acc["g"] / n, "d_real": acc["real"] / n,
                   "d_fake": acc["fake"] / n, "s_per_step": (time.time() - t_log) / n,
                   "train_min": train_seconds / 60, "wall_min": (time.time() - start_wall) / 60}
            if cfg["r1"] > 0:
                rec["r1"] = acc["r1"] / n
            history.append(rec)
            log.write(json.dumps(rec) + "\n"); log.flush()
            print(" ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in rec.items()), flush=True)
            t_log, acc = time.time(), dict.fromkeys(acc, 0.0)
            acc["n"] = 0
        g_eval = None
        if step % args.ckpt_every == 0:
            g_eval = checkpoint()
        if step % args.sample_every == 0:
            sample(g_eval)

    if args.benchmark or not lead:
        return
    g_eval = checkpoint()
    sample(g_eval)
    print(f"stopped ({stop_reason}) at step {step}; {train_seconds / 60:.1f} min of training in total; "
          f"saved {last_path}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
