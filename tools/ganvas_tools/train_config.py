"""train.py's command line and a run's configuration: the flags of a new run, or a resumed
checkpoint's settings with what a resume may change (learning rates, batch, mode seeking, cadence)."""
import argparse
import os
import sys

from ganvas_tools.gan import ARCHS, RESOLUTION
from ganvas_tools.speed_modes import MODES


def parser(description):
    """train.py's command line."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="folder of pictures, or a packed data set (.npz, tools/kit/pack.py)")
    ap.add_argument("run_dir", help="checkpoints, samples and log go here (outside the repository)")
    ap.add_argument("--arch", default="dcgan", choices=sorted(ARCHS), help="generator (ganvas_tools/gan.py)")
    ap.add_argument("--init-from", default=None, metavar="MODEL", help="warm-start G from a model file")
    ap.add_argument("--lecam", type=float, default=0.0, metavar="W", help="LeCam regularisation weight (0: off)")
    # Mode seeking, given with --resume, replaces the run's from that step on (a branch at a plateau).
    ap.add_argument("--mode-seeking", type=float, default=None, metavar="W",
                    help="MSGAN's mode-seeking term in G's loss, against near-copies (default 0: off)")
    ap.add_argument("--mode-seeking-space", default=None, choices=["pixels", "features"],
                    help="where --mode-seeking measures how far apart two pictures are: in pixels, or in "
                         "D's 8x8 features of the un-augmented pictures (default: pixels)")
    ap.add_argument("--mbstd", type=int, default=0, metavar="G",
                    help="minibatch standard deviation in D over groups of G pictures (ProGAN; 0: off)")
    ap.add_argument("--upsample", default="transposed", choices=["transposed", "nearest"],
                    help="G's 2x upsampling: free 4x4 transposed convolutions, or nearest + 3x3 convolution "
                         "(trained as such, exported as the transposed convolutions they equal)")
    ap.add_argument("--ngf", type=int, default=32)
    ap.add_argument("--ndf", type=int, default=None, help="default: same as --ngf")
    ap.add_argument("--latent-dim", type=int, default=128)
    ap.add_argument("--clusters", type=int, default=None, metavar="K",
                    help="condition G and D on K clusters of the data (ganvas_tools/clusters.py; 0: off); "
                         "with --resume of an unconditioned run, conditions it from that step on")
    ap.add_argument("--cluster-mode", default=None, choices=["data", "prior"],
                    help="data (default): K clusters of the data condition G's prior and D; prior: G's prior "
                         "only, K equal components with learned means, D unconditioned")
    ap.add_argument("--cluster-ramp", type=int, nargs=2, default=None, metavar=("START", "END"),
                    help="conditioning strength rises from 0 at step START to 1 at END (default: full at once)")
    # Given with --resume, the batch replaces the run's from that step on, recorded as the rates are.
    ap.add_argument("--batch", type=int, default=None, help="default: 64")
    ap.add_argument("--steps", type=int, default=100000, help="stop at this total step count")
    ap.add_argument("--minutes", type=float, default=None, help="wall-clock budget of this invocation")
    # Learning rates (default 2e-4): given with --resume, they replace the run's from that step on
    # (a drop when a run has plateaued); the change is recorded in the config.
    ap.add_argument("--lr-g", type=float, default=None)
    ap.add_argument("--lr-d", type=float, default=None)
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
    ap.add_argument("--precision", default="auto", choices=["auto", "bf16", "fp32"],
                    help="bf16: autocast the forward passes (weights and losses stay fp32); auto (default): "
                         "bf16 where it is faster here (timed at start: a CPU without native bf16 emulates it)")
    ap.add_argument("--memory-format", default="channels_last", choices=["channels_last", "contiguous"])
    ap.add_argument("--r1-every", type=int, default=4, help="lazy R1: every N steps, scaled by N")
    ap.add_argument("--augment", default="color,translation,cutout", help="DiffAugment policy ('' for none)")
    ap.add_argument("--flip", action="store_true", help="also mirror training pictures at random")
    # The cadence: a run keeps the one it was started with when resumed, unless a flag changes it.
    ap.add_argument("--ckpt-every", type=int, default=None, help="write last.pt every N steps (default: 500)")
    ap.add_argument("--keep-every", type=int, default=None,
                    help="also keep step_N.pt every N steps (default: 0, only last.pt)")
    ap.add_argument("--sample-every", type=int, default=None, help="sample grid every N steps (default: 250)")
    ap.add_argument("--log-every", type=int, default=None, help="log line every N steps (default: 25)")
    ap.add_argument("--threads", type=int, default=None, help="CPU threads for torch")
    ap.add_argument("--device", default=None, help="cuda or cpu (default: cuda when present)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resume", action="store_true", help="carry on from RUN_DIR/last.pt")
    ap.add_argument("--benchmark", type=int, default=0, metavar="N",
                    help="time N steps (after 3 warm-up steps) in each speed mode, print s/step and exit")
    ap.add_argument("--compile", action="store_true", help="torch.compile G and D (slow first steps)")
    ap.add_argument("--benchmark-mode", default=None, choices=sorted(MODES), help=argparse.SUPPRESS)
    return ap


CADENCE = {"ckpt_every": 500, "keep_every": 0, "sample_every": 250, "log_every": 25}


def resolve_cadence(args, cfg):
    """Each of --ckpt-every, --keep-every, --sample-every, --log-every: the flag when given, else what
    the run was started (or last resumed) with, else the default; recorded in cfg for the next resume,
    so a resumed run goes on keeping step_N.pt without being told again."""
    cadence = cfg.setdefault("cadence", {})
    for key, default in CADENCE.items():
        given = getattr(args, key)
        cadence[key] = given if given is not None else cadence.get(key, default)
        least = 0 if key == "keep_every" else 1
        if cadence[key] < least:
            sys.exit(f"--{key.replace('_', '-')} {cadence[key]}: must be at least {least}")
        setattr(args, key, cadence[key])


def cluster_config(args, cfg, step):
    """--clusters and --cluster-ramp into cfg: a new run's, or an unconditioned run conditioned
    from this step on (recorded as `conditioned_from`); a conditioned run's K cannot change."""
    given = args.clusters
    if given is not None and given != cfg["clusters"]:
        if given < 0 or cfg["clusters"]:
            sys.exit(f"--clusters {given}: must be 0 or more, and a conditioned run's clusters cannot change")
        cfg["clusters"] = given
        cfg["cluster_mode"] = args.cluster_mode or "data"
        if step:
            cfg["conditioned_from"] = step
    elif args.cluster_mode is not None and args.cluster_mode != cfg.get("cluster_mode"):
        sys.exit("--cluster-mode goes with the --clusters that starts the conditioning")
    if args.cluster_ramp is not None:
        start, end = args.cluster_ramp
        if not 0 <= start <= end:
            sys.exit(f"--cluster-ramp {start} {end}: needs 0 <= START <= END")
        cfg["cluster_ramp"] = [start, end]
    if cfg["clusters"]:
        if cfg["clusters"] < 3:  # each cluster's sector of the latent plane must be under half of it
            sys.exit(f"--clusters {cfg['clusters']}: needs 3 or more")
        cfg.setdefault("cluster_ramp", [step, step])
        cfg.setdefault("cluster_mode", "data")
        if cfg["disc"] != "dcgan":
            sys.exit("--clusters goes with --disc dcgan")


def cluster_strength(cfg, step):
    """How much of the conditioning is on at `step`: 0 before the ramp, 1 after it."""
    start, end = cfg.get("cluster_ramp", [0, 0])
    return 1.0 if step >= end else 0.0 if step <= start else (step - start) / (end - start)


def with_defaults(cfg):
    """A checkpoint's config with today's defaults for the settings older runs did not record."""
    for key, default in (("arch", "dcgan"), ("lecam", 0.0), ("mode_seeking", 0.0), ("mode_seeking_space", "pixels"),
                         ("mbstd", 0), ("upsample", "transposed"), ("loss", "hinge"), ("decoder", 0.0), ("disc", "dcgan"), ("clusters", 0)):
        cfg.setdefault(key, default)
    return cfg


# What a resume may change, and the list in the config that records each change with its step.
RESUME_CHANGES = {"lr_g": "lr_changes", "lr_d": "lr_changes", "batch": "batch_changes",
                  "mode_seeking": "mode_seeking_changes", "mode_seeking_space": "mode_seeking_changes"}


def apply_resume_changes(args, cfg, step):
    """The flags given with --resume that differ from the run's settings replace them from `step`
    on, each recorded, so a later resume keeps them and the card's run says when they changed."""
    for key, changes in RESUME_CHANGES.items():
        given = getattr(args, key)
        if given is not None and given != cfg[key]:
            cfg.setdefault(changes, []).append({"step": step, key: given})
            cfg[key] = given


def run_config(args, ckpt):
    """The run's configuration: a resumed checkpoint's (older ones get today's defaults), else
    the flags'. Exits on combinations that do not train."""
    if ckpt:
        cfg = ckpt["config"]
    else:
        cfg = {"arch": args.arch, "lecam": args.lecam, "mode_seeking": args.mode_seeking or 0.0,
               "mode_seeking_space": args.mode_seeking_space or "pixels", "mbstd": args.mbstd, "upsample": args.upsample, "init_from": args.init_from, "ngf": args.ngf,
               "ndf": args.ndf or args.ngf, "latent_dim": args.latent_dim, "clusters": 0, "batch": args.batch or 64, "augment": args.augment,
               "flip": args.flip, "r1": args.r1, "loss": args.loss, "decoder": args.decoder, "disc": args.disc,
               "projected_size": args.projected_size, "ema": args.ema, "lr_g": args.lr_g or 2e-4, "lr_d": args.lr_d or 2e-4,
               "betas": [args.beta1, args.beta2], "data": os.path.abspath(args.data), "resolution": RESOLUTION}
    with_defaults(cfg)
    if ckpt:
        apply_resume_changes(args, cfg, ckpt["step"])
    if cfg["mode_seeking"] < 0:
        sys.exit(f"--mode-seeking {cfg['mode_seeking']}: must be 0 (off) or above")
    if cfg["mode_seeking_space"] == "features" and cfg["disc"] != "dcgan":
        sys.exit("--mode-seeking-space features goes with --disc dcgan")
    if cfg["mbstd"] < 0 or cfg["mbstd"] == 1:
        sys.exit(f"--mbstd {cfg['mbstd']}: must be 0 (off) or a group of 2 or more")
    if cfg["disc"] != "dcgan" and (cfg["decoder"] > 0 or cfg["loss"] != "hinge"):
        sys.exit(f"--disc {cfg['disc']} goes with the hinge loss and no decoder")
    cluster_config(args, cfg, ckpt["step"] if ckpt else 0)
    for key in ("lr_g", "lr_d", "batch"):
        given = getattr(args, key)
        if given is not None and given <= 0:
            sys.exit(f"--{key.replace('_', '-')} {given}: must be above 0")
    if cfg["mbstd"] > 1 and cfg["batch"] % cfg["mbstd"]:
        # D sees the reals then the fakes in one batch: a group must not straddle the two
        sys.exit(f"--batch {cfg['batch']}: must be a multiple of --mbstd {cfg['mbstd']}")
    resolve_cadence(args, cfg)
    return cfg
