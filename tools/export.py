#!/usr/bin/env python3
"""Exports the EMA generator of a training checkpoint as a Ganvas model file (models/README.md).

    python3 tools/export.py /work/data/runs/emoji/last.pt models/emoji.safetensors --name emoji \\
        --description "..." --dataset "..." --license "..." [--quality JSON] [--training "..."]

Weights are written as F16 (batchnorm stays a separate layer; the Swift loader folds it).  The
card's steps and training time/hardware come from the checkpoint unless given.  OUT.png beside the
file is an 8x8 grid of seeds 1..64 (psi 1) computed from the F16-rounded weights as read back from
the file, in float32, by interpreting its `ganvas.arch` list, with a 2 px white gutter.
"""
import argparse
import json
import os
import re
import sys

import torch

from ganvas_tools.gan import RESOLUTION, generator_arch, generator_of, run_arch  # noqa: E402
from ganvas_tools.train_config import with_defaults  # noqa: E402
from ganvas_tools.upsampling import folded  # noqa: E402
from ganvas_tools.latent import seeded_latents  # noqa: E402
from ganvas_tools.modelfile import read_model, write_model  # noqa: E402
from ganvas_tools.pixels import save_grid, to_pixels  # noqa: E402
from ganvas_tools.run_record import card_entry  # noqa: E402
from ganvas_tools.sector_prior import with_prior  # noqa: E402

MAX_BYTES = 8 * 1000 * 1000


def training_line(ckpt):
    minutes = ckpt["train_seconds"] / 60.0
    hardware = []
    for s in ckpt.get("sessions", []) or [{"hardware": ckpt.get("hardware", "unknown hardware")}]:
        if s["hardware"] not in hardware:
            hardware.append(s["hardware"])
    when = f"{minutes:.0f} min" if minutes >= 1 else f"{ckpt['train_seconds']:.0f} s"
    return f"{when} on {' + '.join(hardware)}, batch {ckpt['config']['batch']}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint")
    ap.add_argument("out", help="OUT.safetensors; OUT.png is written beside it")
    ap.add_argument("--name", required=True, help="style name, [a-z0-9_-]+")
    ap.add_argument("--description", required=True)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--license", required=True, help="the training data's licence")
    ap.add_argument("--quality", default=None, help="JSON object, e.g. '{\"swd_x1e3\": [...]}'")
    ap.add_argument("--training", default=None, help="override the time/hardware line from the checkpoint")
    ap.add_argument("--dtype", default="F16", choices=["F16", "F32"])
    args = ap.parse_args()

    if not re.fullmatch(r"[a-z0-9_-]+", args.name):
        sys.exit(f"--name {args.name!r} is not [a-z0-9_-]+")
    for key in ("description", "dataset", "license", "training"):
        if getattr(args, key) and "\n" in getattr(args, key):
            sys.exit(f"--{key} must be one line")
    quality = None
    if args.quality is not None:
        quality = json.loads(args.quality)
        if not isinstance(quality, dict):
            sys.exit("--quality must be a JSON object")

    ckpt = torch.load(args.checkpoint, map_location="cpu", weights_only=False)
    cfg = with_defaults(ckpt["config"])
    G = generator_of(cfg)
    G.load_state_dict(ckpt["G_ema"])
    G = folded(G).eval()  # resize convolutions as the transposed ones the engine runs
    arch, names = generator_arch(G)
    state = G.state_dict()
    tensors = {n: state[n].detach().float().numpy() for n in names}
    trunk_layers = len(arch) - 1  # after the reshape; a cluster-conditioned run's prior goes between
    if G.prior is not None:
        arch, prior = with_prior(arch, G.prior.effective_means().detach().numpy(), G.prior.weights.numpy())
        tensors.update(prior)
        names += list(prior)
    prefix = len(arch) - trunk_layers  # the reshape and the prior
    meta = {"name": args.name, "description": args.description, "resolution": str(RESOLUTION),
            "latent_dim": str(cfg["latent_dim"]), "dataset": args.dataset, "license": args.license,
            "steps": str(ckpt["step"]), "training": args.training or training_line(ckpt), "run": card_entry(cfg)}
    if quality is not None:
        meta["quality"] = json.dumps(quality, separators=(",", ":"))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    write_model(args.out, tensors, arch, meta, dtype=args.dtype)

    # Read the file back: samples come from the weights as stored (F16-rounded), run in float32.
    stored, stored_arch, stored_meta = read_model(args.out)
    assert stored_arch == arch and set(stored) == set(names)
    z = torch.from_numpy(seeded_latents(range(1, 65), cfg["latent_dim"]))
    with torch.no_grad():
        out = run_arch(stored_arch, stored, z)
        G.load_state_dict({**state, **{k: torch.from_numpy(v) for k, v in stored.items() if k in state}})
        check = G.trunk(run_arch(stored_arch[:prefix], stored, z))
    diff = (out - check).abs().max().item()
    if out.shape != (64, 3, RESOLUTION, RESOLUTION) or not diff < 1e-4:
        sys.exit(f"arch interpretation disagrees with the module (shape {tuple(out.shape)}, max diff {diff})")
    png = os.path.splitext(args.out)[0] + ".png"
    save_grid(to_pixels(out), png, cols=8, gutter=2)

    size = os.path.getsize(args.out)
    print(f"wrote {args.out} ({size:,} bytes, {len(names)} tensors, {args.dtype}) and {png}")
    for k, v in stored_meta.items():
        if k != "ganvas.arch":
            print(f"  {k}: {v}")
    print(f"  ganvas.arch: {len(arch)} layers; output range [{out.min().item():.3f}, {out.max().item():.3f}]")
    if size > MAX_BYTES:
        sys.exit(f"{args.out} is {size:,} bytes, over the {MAX_BYTES:,} byte limit")


if __name__ == "__main__":
    main()
