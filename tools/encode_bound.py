#!/usr/bin/env python3
"""How close can any latent of a style get to a picture? A bound for `ganvas encode`.

The app searches without gradients; this runs Adam through the PyTorch generator (every start
with the typical-set prior the encoder trains with) and reports, per picture, the best of the
random seeds 1..N (the same seeded latents as the app) beside the best latent Adam finds. If
Adam's ratio stays above a goal, no gradient-free search can meet it: the style cannot draw the
picture closer, whatever the budget.

Pictures are fitted as `PictureFit` does (composited on the style's background, box-reduced,
resized keeping their aspect, centred), with PIL's bicubic where the app uses its own cubic
resize, so the targets match the app's to within a few RMS levels; seeds and Adam meet the same
targets, so the ratio is fair.

    python3 tools/encode_bound.py models/glyphs.safetensors /work/data/encode_eval/outside/*.png
"""
import argparse
import os

import numpy as np
import torch
from PIL import Image

from ganvas_tools.latent import seeded_latents  # noqa: E402
from ganvas_tools.modelfile import read_model  # noqa: E402
from ganvas_tools.encoder_net import FrozenGenerator, prior_loss, rms_bytes  # noqa: E402


def background_of(model):
    """The style's background from the encoder card beside it (white without one)."""
    encoder = model.replace(".safetensors", ".encoder.safetensors")
    colour = read_model(encoder)[2].get("ganvas.background", "#ffffff") if os.path.exists(encoder) else "#ffffff"
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def fit(path, side, background):
    """[1, 3, side, side] in [-1, 1], as PictureFit makes it."""
    picture = Image.open(path).convert("RGBA")
    canvas = Image.new("RGBA", picture.size, background + (255,))
    canvas.alpha_composite(picture)
    image = canvas.convert("RGB")
    factor = max(image.size) // (4 * side)
    if factor >= 2:
        image = image.crop((0, 0, image.width // factor * factor, image.height // factor * factor))
        image = image.reduce(factor)
    scale = side / max(image.size)
    size = tuple(min(side, max(1, round(n * scale))) for n in image.size)
    image = image.resize(size, Image.BICUBIC)
    out = Image.new("RGB", (side, side), background)
    out.paste(image, ((side - size[0]) // 2, (side - size[1]) // 2))
    return torch.from_numpy(np.array(out)).permute(2, 0, 1).float()[None] / 127.5 - 1


def best_seed(generator, target, seeds):
    best = float("inf")
    for first in range(1, seeds + 1, 256):
        z = torch.from_numpy(seeded_latents(range(first, min(first + 256, seeds + 1)), generator.latent_dim))
        best = min(best, rms_bytes(generator(z), target.expand(len(z), -1, -1, -1)).min().item())
    return best


def gradient_search(generator, target, starts, steps, prior):
    z = torch.randn(starts, generator.latent_dim, generator=torch.Generator().manual_seed(1)).requires_grad_()
    optimiser = torch.optim.Adam([z], lr=0.05)
    for _ in range(steps):
        loss = ((generator(z) - target) ** 2).mean(dim=(1, 2, 3)).sum() + prior * starts * prior_loss(z)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    with torch.no_grad():
        return rms_bytes(generator(z), target.expand(starts, -1, -1, -1)).min().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("pictures", nargs="+")
    parser.add_argument("--seeds", type=int, default=2048)
    parser.add_argument("--starts", type=int, default=16)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--prior", type=float, default=0.02)
    args = parser.parse_args()
    torch.set_num_threads(1)
    generator = FrozenGenerator(args.model)
    background = background_of(args.model)
    seeds, adam = [], []
    for path in args.pictures:
        target = fit(path, generator.resolution, background)
        with torch.no_grad():
            seeds.append(best_seed(generator, target, args.seeds))
        adam.append(gradient_search(generator, target, args.starts, args.steps, args.prior))
        print(f"{os.path.basename(path)}: best of {args.seeds} seeds {seeds[-1]:.1f}, Adam {adam[-1]:.1f} "
              f"({adam[-1] / seeds[-1]:.2f}x)", flush=True)
    print(f"mean RMS: best of {args.seeds} seeds {np.mean(seeds):.1f}, Adam ({args.starts} starts x {args.steps} steps) "
          f"{np.mean(adam):.1f}: {np.mean(adam) / np.mean(seeds):.2f}x")


if __name__ == "__main__":
    main()
