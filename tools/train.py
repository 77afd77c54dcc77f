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
regularisation, Tseng et al. 2021), `--mode-seeking W` (MSGAN's term against near-copies, Mao et
al. 2019; `--mode-seeking-space features` measures it in D's features), `--mbstd G` (ProGAN's
minibatch standard deviation in D), `--upsample nearest` (G upsamples by nearest + 3x3 convolution,
Odena et al. 2016, exported as the transposed convolutions it equals), `--clusters K` (G and D conditioned on K pixel-space clusters
of the data, after Liu et al. 2020's self-conditioned GAN; or with `--cluster-mode prior` a
mixture prior of K learned components in G alone; either is part of G's exported graph,
ganvas_tools/clusters.py, sector_prior.py).  Several processes train one model through PyTorch's own
launcher (DistributedDataParallel; gloo on CPU, NCCL on CUDA; --batch is the global batch):

    torchrun --standalone --nproc_per_node 2 tools/train.py DATA RUN_DIR --threads 1 --minutes 5
"""
import copy
import json
import os
import subprocess
import sys
import time

import numpy as np
import torch

from ganvas_tools.checkpoints import recalibrated, save_checkpoint, warm_start
from ganvas_tools.clusters import cluster_pictures, cluster_weights
from ganvas_tools.gan import RESOLUTION, count_params, discriminator_of, generator_of
from ganvas_tools.gan_losses import LeCam, discriminator_loss, generator_loss
from ganvas_tools.latent import seeded_latents
from ganvas_tools.pixels import load_folder, save_grid, to_pixels
from ganvas_tools.run_record import record_invocation
from ganvas_tools.speed_modes import (MODES, autocast, distributed_setup, hardware_line, memory_format_of,
                                      resolve_precision)
from ganvas_tools.train_config import cluster_strength, parser, run_config


def load_pictures(source, size):
    """All pictures of a folder, or of a packed data set (`.npz`, tools/kit/pack.py), as a uint8
    tensor [N, 3, size, size]."""
    pictures = load_folder(source, size, require_size=True)
    return torch.from_numpy(np.ascontiguousarray(pictures)).permute(0, 3, 1, 2).contiguous()


CONDITIONING = ("prior.", "embed")  # G's mixture prior, D's projection and its strength: what --clusters adds


def make_adam(module, lr, betas, saved=None):
    """Adam over the module's learned parameters (a projected D's feature network stays fixed), in
    two groups when conditioned: the rest, then the conditioning's. `saved` is a checkpoint's
    state; one saved before --clusters conditioned the run fills the first group only, and the
    conditioning's moments start at zero."""
    named = [(n, p) for n, p in module.named_parameters() if p.requires_grad]
    conditioning = [p for n, p in named if n.startswith(CONDITIONING)]
    opt = torch.optim.Adam([p for n, p in named if not n.startswith(CONDITIONING)], lr=lr, betas=betas)
    if saved is not None and len(saved["param_groups"]) == 1:
        opt.load_state_dict(saved)
        saved = None
    if conditioning:
        opt.add_param_group({"params": conditioning})
    if saved is not None:
        opt.load_state_dict(saved)
    return opt


def load_state(module, state):
    """A checkpoint's weights into the module; only the conditioning may be missing (a run being
    conditioned from this step keeps its fresh prior and projection)."""
    missing, unexpected = module.load_state_dict(state, strict=False)
    stray = unexpected + [k for k in missing if not k.startswith(CONDITIONING)]
    if stray:
        sys.exit(f"the checkpoint does not fit the model: {', '.join(stray[:5])}")


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


class Trainer:
    """One run's models, optimisers and data on one device (one process of a torchrun launch):
    steps, the EMA, checkpoints, sample grids and the log. Only the lead process writes."""

    def __init__(self, args, cfg, ckpt, device, rank, world, threads):
        self.args, self.cfg, self.ckpt, self.device, self.world = args, cfg, ckpt, device, world
        self.lead = rank == 0
        self.last_path = os.path.join(args.run_dir, "last.pt")
        self.local_batch = cfg["batch"] // world
        self.data = load_pictures(args.data, RESOLUTION)
        if device.type == "cuda":
            self.data = self.data.to(device)  # a few hundred MB at most: batches are then gathered on the GPU
        print(f"{len(self.data)} pictures from {args.data}; device {device}, {threads} thread(s)", flush=True)
        self.build_models()
        self.fmt = memory_format_of(args.memory_format)
        self.G_core = self.G_core.to(memory_format=self.fmt)
        self.D_core = self.D_core.to(memory_format=self.fmt)
        self.G, self.D = self.G_core, self.D_core
        if world > 1:
            from torch.nn.parallel import DistributedDataParallel as DDP
            self.G, self.D = DDP(self.G_core), DDP(self.D_core)
        if args.compile:
            self.G, self.D = torch.compile(self.G), torch.compile(self.D)
        self.lecam = LeCam() if cfg["lecam"] > 0 else None
        self.fixed_z = torch.from_numpy(seeded_latents(range(1, 65), cfg["latent_dim"])).to(device)
        self.hardware = hardware_line(device, threads) + (f" x {world} processes" if world > 1 else "")
        self.session = {"start_step": self.step, "hardware": self.hardware, "threads": threads, "device": device.type}

    def build_models(self):
        """G, D, the EMA of G and both optimisers, from scratch, a warm start, or the checkpoint."""
        cfg, ckpt, device = self.cfg, self.ckpt, self.device
        G = generator_of(cfg).to(device)
        D = discriminator_of(cfg, device)
        self.labels = self.cluster_labels(G)
        if cfg.get("init_from") and not ckpt:
            print(f"warm start: {warm_start(G, cfg['init_from'])} tensors from {cfg['init_from']}", flush=True)
        self.G_ema = copy.deepcopy(G).eval()
        for p in self.G_ema.parameters():
            p.requires_grad_(False)
        betas = tuple(cfg["betas"])
        self.opt_g = make_adam(G, cfg["lr_g"], betas, ckpt and ckpt["opt_g"])
        self.opt_d = make_adam(D, cfg["lr_d"], betas, ckpt and ckpt["opt_d"])
        self.step, self.train_seconds, self.history = 0, 0.0, []
        if ckpt:
            for module, key in ((G, "G"), (D, "D"), (self.G_ema, "G_ema")):
                load_state(module, ckpt[key])
            for opt, key in ((self.opt_g, "lr_g"), (self.opt_d, "lr_d")):  # the config's, should a resume change them
                for group in opt.param_groups:
                    group["lr"] = cfg[key]
            self.step, self.train_seconds, self.history = ckpt["step"], ckpt["train_seconds"], ckpt.get("history", [])
        clusters = ""
        if cfg["clusters"]:
            kind = "clusters" if cfg["cluster_mode"] == "data" else "prior components"
            clusters = f", {cfg['clusters']} {kind}, ramp {cfg['cluster_ramp'][0]}-{cfg['cluster_ramp'][1]}"
        print(f"G {count_params(G):,} params ({cfg['arch']}, ngf={cfg['ngf']}{clusters}), D {count_params(D):,} params "
              f"({cfg['disc']}, ndf={cfg['ndf']}, loss {cfg['loss']}, decoder {cfg['decoder']}); "
              f"batch {cfg['batch']}, {self.args.precision}, {self.args.memory_format}", flush=True)
        self.G_core, self.D_core = G, D

    def cluster_labels(self, G):
        """Each training picture's cluster (the checkpoint's, or found now and G's prior weighted
        by them), or None for an unconditional run."""
        k = self.cfg["clusters"]
        if not k or self.cfg["cluster_mode"] != "data":
            return None
        if self.ckpt and self.ckpt.get("cluster_labels") is not None:
            labels = self.ckpt["cluster_labels"]
            if len(labels) != len(self.data):
                sys.exit(f"the run was clustered on {len(labels)} pictures; {self.args.data} has {len(self.data)}")
        else:
            labels = cluster_pictures(self.data.cpu(), k, self.args.seed)
            weights = cluster_weights(labels, k)
            if weights.max() >= 0.5:  # its sector of the latent plane would be half of it or more
                sys.exit(f"--clusters {k}: one cluster holds {weights.max():.0%} of the pictures; ask for more clusters")
            with torch.no_grad():
                G.prior.weights.copy_(weights)
            print(f"{k} clusters of {len(labels)} pictures: {torch.bincount(labels, minlength=k).tolist()}", flush=True)
        return labels.to(self.data.device)

    def autocast_on(self):
        return autocast(self.device, self.args.precision)

    def latents(self):
        return torch.randn(self.local_batch, self.cfg["latent_dim"], device=self.device)

    def real_batch(self):
        """A batch of reals in [-1, 1] and their clusters (None for an unconditional run)."""
        idx = torch.randint(0, len(self.data), (self.local_batch,), device=self.data.device)
        labels = None if self.labels is None else self.labels[idx].to(self.device)
        x = self.data[idx].to(self.device, non_blocking=True).float().div_(127.5).sub_(1.0)
        x = x.contiguous(memory_format=self.fmt)
        if self.cfg["flip"]:
            flip = torch.rand(x.size(0), device=self.device) < 0.5
            x = torch.where(flip.view(-1, 1, 1, 1), x.flip(3), x)
        return x, labels

    def ramp_conditioning(self):
        """Sets G's and D's conditioning strength for this step (--cluster-ramp)."""
        if self.cfg["clusters"]:
            strength = cluster_strength(self.cfg, self.step)
            self.G_core.prior.strength.fill_(strength)
            if self.labels is not None:
                self.D_core.embed_strength.fill_(strength)

    def clusters_of(self, z):
        """The clusters G draws these latents from (None for an unconditional run)."""
        return None if self.labels is None else self.G_core.prior.clusters_of(z)

    def train_step(self):
        """One D step and one G step; exits (without saving) if a loss is not finite."""
        t0 = time.time()
        self.ramp_conditioning()
        real, real_labels = self.real_batch()
        z = self.latents()
        with torch.no_grad(), self.autocast_on():
            fake = self.G_core(z).float()
        loss_d, d_real, d_fake, r1 = discriminator_loss(self.D, real, fake, self.cfg, self.step, self.args.r1_every,
                                                        self.lecam, self.autocast_on, self.fmt, (real_labels, self.clusters_of(z)))
        self.opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        self.opt_d.step()
        z = self.latents()
        loss_g = generator_loss(self.G, self.D, real, z, self.cfg, self.autocast_on, self.fmt,
                                (real_labels, self.clusters_of(z)))
        self.opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        self.opt_g.step()
        self.update_ema()
        self.step += 1
        if self.device.type == "cuda":
            torch.cuda.synchronize()
        self.train_seconds += time.time() - t0
        if not (torch.isfinite(loss_d) and torch.isfinite(loss_g)):
            print(f"step {self.step}: loss is not finite (D {loss_d.item()}, G {loss_g.item()}); stopping "
                  f"without saving (last.pt holds the last good checkpoint)", flush=True)
            sys.exit(2)
        return {"d": loss_d.item(), "g": loss_g.item(), "real": d_real.mean().item(), "fake": d_fake.mean().item(),
                "r1": r1.item()}

    def update_ema(self):
        decay = min(self.cfg["ema"], (1.0 + self.step) / (10.0 + self.step))
        with torch.no_grad():
            for pe, p in zip(self.G_ema.parameters(), self.G_core.parameters()):
                pe.lerp_(p, 1.0 - decay)
            for be, b in zip(self.G_ema.buffers(), self.G_core.buffers()):
                be.copy_(b)

    def checkpoint(self):
        """Writes last.pt (and step_N.pt every --keep-every); returns the recalibrated EMA generator."""
        g_eval = recalibrated(self.G_ema, device=self.device)
        sessions = (self.ckpt or {}).get("sessions", []) + [dict(self.session, end_step=self.step)]
        save_checkpoint(self.last_path, {
            "config": self.cfg, "step": self.step, "train_seconds": self.train_seconds, "sessions": sessions,
            "hardware": self.hardware, "G": self.G_core.state_dict(), "D": self.D_core.state_dict(),
            "G_ema": g_eval.state_dict(), "opt_g": self.opt_g.state_dict(), "opt_d": self.opt_d.state_dict(),
            "history": self.history, "cluster_labels": None if self.labels is None else self.labels.cpu()})
        if self.args.keep_every and self.step % self.args.keep_every == 0:
            kept = os.path.join(self.args.run_dir, f"step_{self.step:06d}.pt")
            save_checkpoint(kept, torch.load(self.last_path, weights_only=False))
        return g_eval

    def sample(self, g_eval=None):
        """The grid of seeds 1..64 into samples/step_N.png and latest.png."""
        g_eval = g_eval or recalibrated(self.G_ema, device=self.device)
        with torch.no_grad():
            pix = to_pixels(g_eval(self.fixed_z))
        save_grid(pix, os.path.join(self.args.run_dir, "samples", f"step_{self.step:06d}.png"))
        save_grid(pix, os.path.join(self.args.run_dir, "latest.png"))

    def run(self, start_wall):
        """Trains until --steps or --minutes; logs, checkpoints and samples as it goes; saves at the end."""
        args = self.args
        budget = args.minutes * 60.0 if args.minutes else float("inf")
        os.makedirs(os.path.join(args.run_dir, "samples"), exist_ok=True)
        log = open(os.path.join(args.run_dir, "log.jsonl"), "a") if self.lead else None
        self.G.train()
        self.D.train()
        sums, t_log, stop_reason = {}, time.time(), "steps"
        while self.step < args.steps:
            if time.time() - start_wall >= budget:
                stop_reason = "minutes"
                break
            losses = self.train_step()
            if not self.lead:
                continue
            for k, v in losses.items():
                sums[k] = sums.get(k, 0.0) + v
            sums["n"] = sums.get("n", 0) + 1
            if self.step % args.log_every == 0:
                self.write_log(log, sums, t_log, start_wall)
                sums, t_log = {}, time.time()
            g_eval = self.checkpoint() if self.step % args.ckpt_every == 0 else None
            if self.step % args.sample_every == 0:
                self.sample(g_eval)
        if self.lead:
            self.sample(self.checkpoint())
            print(f"stopped ({stop_reason}) at step {self.step}; {self.train_seconds / 60:.1f} min of training in "
                  f"total; saved {self.last_path}", flush=True)

    def write_log(self, log, sums, t_log, start_wall):
        n = sums["n"]
        rec = {"step": self.step, "loss_d": sums["d"] / n, "loss_g": sums["g"] / n, "d_real": sums["real"] / n,
               "d_fake": sums["fake"] / n, "s_per_step": (time.time() - t_log) / n,
               "train_min": self.train_seconds / 60, "wall_min": (time.time() - start_wall) / 60}
        if self.cfg["r1"] > 0:
            rec["r1"] = sums["r1"] / n
        self.history.append(rec)
        log.write(json.dumps(rec) + "\n")
        log.flush()
        print(" ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in rec.items()), flush=True)

    def benchmark(self, steps):
        """Times `steps` steps after 3 warm-up ones; the lead prints one JSON line. Saves nothing."""
        self.G.train()
        self.D.train()
        for _ in range(3):
            self.train_step()
        t0 = time.time()
        for _ in range(steps):
            self.train_step()
        dt = (time.time() - t0) / steps
        if self.lead:
            cfg = self.cfg
            print(json.dumps({"mode": self.args.benchmark_mode, "ngf": cfg["ngf"], "ndf": cfg["ndf"], "batch": cfg["batch"],
                              "threads": torch.get_num_threads(), "loss": cfg["loss"], "decoder": cfg["decoder"],
                              "disc": cfg["disc"], "compile": self.args.compile, "s_per_step": round(dt, 4),
                              "steps_per_50min": int(3000 / dt)}), flush=True)


def main():
    args = parser(__doc__).parse_args()
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
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    args.precision, why = resolve_precision(args.precision, device, memory_format_of(args.memory_format))
    if why != "as asked":
        print(f"precision {args.precision} ({why})", flush=True)
    if world > 1 and args.r1 > 0:
        sys.exit("--r1 is not supported with several processes (double backward through DDP)")
    os.makedirs(args.run_dir, exist_ok=True)
    last_path = os.path.join(args.run_dir, "last.pt")
    ckpt = None
    if args.resume:
        if not os.path.exists(last_path):
            sys.exit(f"--resume: {last_path} does not exist")
        ckpt = torch.load(last_path, map_location="cpu", weights_only=False)
        print(f"resuming {last_path} at step {ckpt['step']}", flush=True)
    cfg = run_config(args, ckpt)
    # Every invocation's command line and commit, so a run can be repeated (and resumed runs traced).
    record_invocation(cfg)
    if cfg["batch"] % world:
        sys.exit(f"--batch {cfg['batch']} does not split over {world} processes")
    torch.manual_seed(args.seed + (ckpt["step"] if ckpt else 0) + 1000003 * rank)
    trainer = Trainer(args, cfg, ckpt, device, rank, world, threads)
    if args.benchmark:
        return trainer.benchmark(args.benchmark)
    trainer.run(start_wall)


if __name__ == "__main__":
    sys.exit(main())
