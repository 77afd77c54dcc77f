#!/usr/bin/env python3
"""Does the fast mode's bf16 autocast bend training?  For a checkpoint of `train.py` (hinge loss,
the DCGAN-style D), G's and D's gradients on one batch in bf16 autocast + channels_last against
fp32, beside fp32's gradients on two different batches (the minibatch's own noise).

    python3 tools/grad_precision.py /work/data/runs/emoji_lecam/step_016000.pt [--trials 3]

Prints, per trial and network, the cosine between the two precisions on the same batch (and
latents, and augmentation), their relative difference, and the cosine between two batches in fp32.
"""
import argparse
import os
import sys
from functools import partial

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ganvas_tools.gan import discriminator_of, generator_of  # noqa: E402
from ganvas_tools.gan_losses import discriminator_loss, generator_loss  # noqa: E402
from ganvas_tools.pixels import load_folder  # noqa: E402
from ganvas_tools.speed_modes import autocast, memory_format_of  # noqa: E402
from ganvas_tools.train_config import with_defaults  # noqa: E402


def load_run(path):
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    cfg = with_defaults(ckpt["config"])
    if cfg["loss"] != "hinge" or cfg["disc"] != "dcgan" or cfg["decoder"] or cfg["clusters"]:
        sys.exit("grad_precision.py: only plain hinge runs with the DCGAN-style D (no decoder, no clusters)")
    G = generator_of(cfg)
    G.load_state_dict(ckpt["G"])
    D = discriminator_of(cfg)
    D.load_state_dict(ckpt["D"])
    pictures = load_folder(cfg["data"], cfg["resolution"], require_size=True)
    data = torch.from_numpy(np.ascontiguousarray(pictures)).permute(0, 3, 1, 2).float().div(127.5).sub(1)
    return G.train(), D.train(), data, cfg


def gradients(G, D, data, cfg, seed, bf16):
    """G's and D's gradients, flattened, from training's own losses (`gan_losses`; LeCam left out,
    its running means are not in a checkpoint) for the batch, latents and augmentation of `seed`."""
    fmt = memory_format_of("channels_last" if bf16 else "contiguous")
    autocast_on = partial(autocast, torch.device("cpu"), "bf16" if bf16 else "fp32")  # train.py's speed modes
    G.to(memory_format=fmt)
    D.to(memory_format=fmt)
    torch.manual_seed(seed)
    real = data[torch.randint(0, len(data), (cfg["batch"],))].contiguous(memory_format=fmt)
    z = torch.randn(cfg["batch"], cfg["latent_dim"])
    with torch.no_grad(), autocast_on():
        fake = G(z).float()
    grads = {}
    for net, loss in (("D", lambda: discriminator_loss(D, real, fake, cfg, 1, 1, None, autocast_on, fmt)[0]),
                      ("G", lambda: generator_loss(G, D, real, z, cfg, autocast_on, fmt))):
        module = D if net == "D" else G
        torch.manual_seed(seed + 1)  # the same augmentation in both precisions
        G.zero_grad()
        D.zero_grad()
        loss().backward()
        grads[net] = torch.cat([p.grad.flatten() for p in module.parameters() if p.grad is not None])
    return grads


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint")
    ap.add_argument("--trials", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(1)
    G, D, data, cfg = load_run(args.checkpoint)
    cos = lambda a, b: F.cosine_similarity(a, b, dim=0).item()  # noqa: E731
    for trial in range(args.trials):
        seed = 100 * trial
        fp32, bf16 = gradients(G, D, data, cfg, seed, False), gradients(G, D, data, cfg, seed, True)
        other = gradients(G, D, data, cfg, seed + 50, False)
        for net in ("G", "D"):
            diff = (fp32[net] - bf16[net]).norm().item() / fp32[net].norm().item()
            print(f"trial {trial} {net}: cos(fp32, bf16) same batch {cos(fp32[net], bf16[net]):.4f}, "
                  f"relative difference {diff:.3f}; cos(two batches, fp32) {cos(fp32[net], other[net]):.3f}")


if __name__ == "__main__":
    main()
