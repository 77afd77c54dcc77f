#!/usr/bin/env python3
"""What an upscaler does to the style's own pictures, measured as the styles are: pixel-space
precision and recall (tools/evaluate.py, k = 3) at the upscaled size, against the style's real
pictures at that size, for the generator's seeds 1..N enlarged by the upscaler and by bicubic,
with the real-vs-real reference (two disjoint halves of the real set).

    python3 tools/evaluate_upscaler.py --real /work/data/hr/glyphs --style models/glyphs.safetensors \\
        --upscaler models/glyphs.upscaler.safetensors [--count 512] [--json]

`--json` prints the keys to merge into the upscaler card's `ganvas.quality`: precision, recall,
bicubic_precision, bicubic_recall, real_precision, real_recall, pr_images.
"""
import argparse
import glob
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

from ganvas_tools.precision_recall import precision_recall_keys, rounded  # noqa: E402
from ganvas_tools.torch_arch import generate  # noqa: E402
from ganvas_tools.modelfile import read_model  # noqa: E402
from ganvas_tools.torch_arch import forward, to_pixels  # noqa: E402


def enlarge(pictures, arch, tensors, scale):
    """uint8 [N, h, w, 3] -> (upscaler, bicubic) uint8 [N, h·s, w·s, 3], bytes as Ganvas makes them."""
    x = torch.from_numpy(pictures).permute(0, 3, 1, 2).float() / 127.5 - 1
    net, cubic = [], []
    with torch.no_grad():
        for i in range(0, len(x), 64):
            batch = x[i:i + 64]
            net.append(to_pixels(forward(arch, tensors, batch)))
            cubic.append(to_pixels(F.interpolate(batch, scale_factor=scale, mode="bicubic", align_corners=False)))
    return np.concatenate(net), np.concatenate(cubic)


def real_halves(folder, count):
    """Two disjoint random sets of `count` real pictures (seeded), read only as many as needed."""
    from PIL import Image
    paths = sorted(glob.glob(os.path.join(folder, "*.png")))
    if len(paths) < 2 * count:
        sys.exit(f"{folder} has {len(paths)} pictures; --count {count} needs twice that")
    chosen = [paths[i] for i in np.random.default_rng([0, 1]).permutation(len(paths))[:2 * count]]
    pictures = np.stack([np.asarray(Image.open(p).convert("RGB")) for p in chosen])
    return pictures[:count], pictures[count:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", required=True, help="the style's real pictures at the upscaled size")
    ap.add_argument("--style", required=True)
    ap.add_argument("--upscaler", required=True)
    ap.add_argument("--count", type=int, default=512)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    tensors, arch, meta = read_model(args.upscaler)
    tensors = {k: torch.from_numpy(v) for k, v in tensors.items()}
    scale = int(meta["ganvas.scale"])
    fakes = generate(args.style, args.count, threads=args.threads)
    net, cubic = enlarge(fakes, arch, tensors, scale)
    a, b = real_halves(args.real, args.count)
    if a.shape[1:] != net.shape[1:]:
        sys.exit(f"real pictures are {a.shape[1:3]}, the upscaled ones {net.shape[1:3]}")
    result = precision_recall_keys(a, [("", net), ("bicubic_", cubic), ("real_", b)], args.count)
    if args.json:
        print(json.dumps(rounded(result)))
    else:
        print("upscaler P/R {precision:.3f}/{recall:.3f}; bicubic {bicubic_precision:.3f}/{bicubic_recall:.3f}; "
              "real reference {real_precision:.3f}/{real_recall:.3f} (N {pr_images})".format(**result))


if __name__ == "__main__":
    main()
