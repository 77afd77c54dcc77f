#!/usr/bin/env python3
"""What an encoder's guesses look like as a set, measured as the styles are: pixel-space precision
and recall (tools/evaluate.py, k = 3) of the generator's pictures of the guesses for the held-out
real pictures (every 20th file, never trained on), against a reference of as many other real
pictures; beside the same for the generator's seeds 1..N and the real-vs-real figures (the
held-out pictures themselves against the reference).

    python3 tools/evaluate_encoder.py --real /work/data/emoji --style models/emoji.safetensors \\
        --encoder models/emoji.encoder.safetensors [--count 512] [--json]

`--json` prints the keys to merge into the encoder card's `ganvas.quality`: precision, recall,
seed_precision, seed_recall, real_precision, real_recall, pr_images. High precision with low
recall means the guesses are believable pictures of the style that miss some of the variety of
the real ones; the app's search then moves them closer.
"""
import argparse
import glob
import json
import os

import numpy as np
import torch

from ganvas_tools.precision_recall import precision_recall_keys, rounded  # noqa: E402
from ganvas_tools.torch_arch import generate  # noqa: E402
from ganvas_tools.modelfile import read_model  # noqa: E402
from ganvas_tools.torch_arch import forward, to_pixels  # noqa: E402
from ganvas_tools.encoder_net import guess_on_shell, on_shell  # noqa: E402


def held_out_and_reference(folder, count):
    """(held-out, reference) uint8 [N, H, W, 3]: every 20th file, and as many others (seeded)."""
    from PIL import Image
    paths = sorted(glob.glob(os.path.join(folder, "*.png")))
    held = paths[::20][:count]
    others = [p for i, p in enumerate(paths) if i % 20 != 0]
    reference = [others[i] for i in np.random.default_rng([0, 2]).permutation(len(others))[:len(held)]]
    read = lambda chosen: np.stack([np.asarray(Image.open(p).convert("RGB")) for p in chosen])  # noqa: E731
    return read(held), read(reference)


def guesses(pictures, style, encoder):
    """The generator's pictures of the encoder's guesses, as bytes."""
    g_tensors, g_arch, _ = read_model(style)
    e_tensors, e_arch, e_meta = read_model(encoder)
    place = on_shell if guess_on_shell(e_meta) else (lambda z: z)
    x = torch.from_numpy(pictures).permute(0, 3, 1, 2).float() / 127.5 - 1
    out = []
    with torch.no_grad():
        for i in range(0, len(x), 64):
            out.append(to_pixels(forward(g_arch, g_tensors, place(forward(e_arch, e_tensors, x[i:i + 64])))))
    return np.concatenate(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", required=True, help="the style's real pictures")
    ap.add_argument("--style", required=True)
    ap.add_argument("--encoder", required=True)
    ap.add_argument("--count", type=int, default=512, help="at most this many held-out pictures")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    held, reference = held_out_and_reference(args.real, args.count)
    n = len(held)
    encoded = guesses(held, args.style, args.encoder)
    seeds = generate(args.style, n, threads=args.threads)
    result = precision_recall_keys(reference, [("", encoded), ("seed_", seeds), ("real_", held)], n)
    if args.json:
        print(json.dumps(rounded(result)))
    else:
        print("guesses P/R {precision:.3f}/{recall:.3f}; seeds {seed_precision:.3f}/{seed_recall:.3f}; "
              "real reference {real_precision:.3f}/{real_recall:.3f} (N {pr_images})".format(**result))


if __name__ == "__main__":
    main()
