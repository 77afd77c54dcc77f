#!/usr/bin/env python3
"""Sliced Wasserstein distance (SWD) between pictures, as in ProGAN (Karras et al., "Progressive
Growing of GANs for Improved Quality, Stability, and Variation", ICLR 2018, appendix D and the
authors' metrics/sliced_wasserstein.py).

    python3 tools/evaluate_swd.py --real /work/data/emoji --model models/emoji.safetensors
    python3 tools/evaluate_swd.py --real /work/data/emoji --fake SOME_DIR --count 1024 --json

Each picture is split into a Laplacian pyramid down to 16 px (64x64 pictures: the 64 and 32 px
band-pass levels and the 16 px low-pass level; 5x5 binomial filter, mirrored edges).  From every
level of every picture, 128 random 7x7 neighbourhoods are taken (7*7*3 = 147 values each); each
channel is normalised to mean 0, deviation 1 over the whole patch set of that level (each set on
its own, as the authors do); the two sets are projected on 512 random unit directions (4 x 128),
the projections sorted, and the mean absolute difference of the sorted values, averaged over the
directions, is the SWD of that level.  Values are reported x1e3 per level (finest first) and
averaged.

The real set is shuffled (--seed) and split: its first N pictures (A) are compared with N fakes,
and with the next N real pictures (B), which gives the real-vs-real noise floor of this N.  The
ratio is SWD(A, fake) / SWD(A, B) per level and for the average; the quality target is a ratio of
at most 3 at every level.  N is --count, at most half the real set (default: min(2048, half)).

Fakes: --fake DIR (a folder of pictures), or --model FILE.safetensors: N samples for seeds 1..N
(psi 1; ganvas_tools.latent), run in float32 from the file's stored (F16) weights by
ganvas_tools.torch_arch.forward, in eval mode, turned into bytes as Ganvas does.

--json prints {"swd_x1e3": [...levels..., avg], "swd_floor_x1e3": [...], "ratio": [...],
"images": N}, which can go into a model card's ganvas.quality.  Deterministic for a given --seed.
"""
import argparse
import json
import sys

from ganvas_tools.pixels import load_folder
from ganvas_tools.swd import MIN_RES, evaluate, level_count
from ganvas_tools.torch_arch import generate


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", required=True, help="folder of the training pictures")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--model", help="a Ganvas model file (.safetensors)")
    src.add_argument("--fake", help="a folder of generated pictures")
    ap.add_argument("--count", type=int, default=None, help="N: pictures per set (default min(2048, half the real set))")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="torch threads for --model")
    ap.add_argument("--json", action="store_true", help="print only the JSON object")
    args = ap.parse_args()

    real = load_folder(args.real)
    size = real.shape[1]
    if real.shape[1] != real.shape[2] or size < MIN_RES:
        sys.exit(f"pictures must be square and at least {MIN_RES} px, got {real.shape[1:3]}")
    half = len(real) // 2
    count = args.count or min(2048, half)
    if count > half:
        sys.exit(f"--count {count}: the real set has {len(real)} pictures, so at most {half} per half")
    if args.model:
        fake = generate(args.model, count, threads=args.threads)
    else:
        fake = load_folder(args.fake, size=size)
    if len(fake) < count:
        sys.exit(f"need {count} fake pictures, got {len(fake)}")
    if fake.shape[1:] != real.shape[1:]:
        sys.exit(f"fake pictures are {fake.shape[1:3]}, real ones {real.shape[1:3]}")

    res = evaluate(real, fake, count, args.seed)
    if args.json:
        print(json.dumps({k: ([round(v, 4) for v in res[k]] if isinstance(res[k], list) else res[k]) for k in res}))
        return
    levels = [f"{size >> i} px" for i in range(level_count(size))] + ["average"]
    print(f"SWD x1e3, {count} pictures per set ({args.real} vs {args.model or args.fake}), seed {args.seed}")
    print(f"{'level':>8} {'real-fake':>10} {'real-real':>10} {'ratio':>7}")
    for name, r, f, q in zip(levels, res["swd_x1e3"], res["swd_floor_x1e3"], res["ratio"]):
        print(f"{name:>8} {r:10.3f} {f:10.3f} {q:7.2f}")
    ok = all(q <= 3.0 for q in res["ratio"][:-1])
    print(f"quality target (ratio <= 3 at every level): {'met' if ok else 'not met'}")


if __name__ == "__main__":
    main()
