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
import glob
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

NHOOD = 7
NHOODS_PER_IMAGE = 128
DIR_REPEATS = 4
DIRS_PER_REPEAT = 128
MIN_RES = 16
KERNEL_1D = np.array([1, 4, 6, 4, 1], dtype=np.float32) / 16.0  # outer product: ProGAN's 5x5 / 256


def load_folder(folder, size=None, limit=None):
    """The pictures of a folder (sorted names), or of a packed data set (.npz, tools/kit/pack.py),
    as uint8 [N, H, W, 3]."""
    from PIL import Image
    if folder.endswith(".npz"):
        with np.load(folder) as packed:
            pictures = packed["pictures"][:limit]
        return np.repeat(pictures, 3, axis=-1) if pictures.shape[-1] == 1 else pictures
    paths = sorted(p for ext in ("png", "jpg", "jpeg", "webp") for p in glob.glob(os.path.join(folder, "*." + ext)))
    if not paths:
        sys.exit(f"no pictures in {folder}")
    if limit is not None:
        paths = paths[:limit]
    out = []
    for p in paths:
        im = Image.open(p).convert("RGB")
        if size is None:
            size = im.width
        if im.size != (size, size):
            im = im.resize((size, size), Image.Resampling.LANCZOS)
        out.append(np.asarray(im))
    return np.stack(out)


def generate(model_path, count, batch=256, threads=1):
    """uint8 [count, H, W, 3]: seeds 1..count through the model file's arch (eval mode, F16 weights
    as stored, computed in float32)."""
    import torch
    from ganvas_tools.latent import seeded_latents
    from ganvas_tools.modelfile import read_model
    from ganvas_tools.torch_arch import forward, to_pixels
    if threads:
        torch.set_num_threads(threads)
    tensors, arch, meta = read_model(model_path)
    dim = int(meta.get("ganvas.latent_dim", "128"))
    tensors = {k: torch.from_numpy(v) for k, v in tensors.items()}
    out = []
    for start in range(1, count + 1, batch):
        seeds = range(start, min(start + batch, count + 1))
        z = seeded_latents(seeds, dim)
        out.append(to_pixels(forward(arch, tensors, z)))
    return np.concatenate(out)


# --- Laplacian pyramid (ProGAN: scipy.ndimage.convolve with mode='mirror' == numpy pad 'reflect')

def _blur(x, gain=1.0):
    """Separable 5x5 binomial filter over the last two axes, mirrored edges."""
    k = KERNEL_1D * gain
    p = np.pad(x, [(0, 0)] * (x.ndim - 2) + [(2, 2), (0, 0)], mode="reflect")
    x = sum(k[i] * p[..., i:i + x.shape[-2], :] for i in range(5))
    p = np.pad(x, [(0, 0)] * (x.ndim - 2) + [(0, 0), (2, 2)], mode="reflect")
    return sum(k[i] * p[..., :, i:i + x.shape[-1]] for i in range(5)).astype(np.float32)


def pyr_down(x):
    return _blur(x)[..., ::2, ::2]


def pyr_up(x):
    n, c, h, w = x.shape
    up = np.zeros((n, c, 2 * h, 2 * w), dtype=np.float32)
    up[..., ::2, ::2] = x
    return _blur(up, gain=2.0)  # 2 per axis: ProGAN's kernel * 4


def laplacian_pyramid(x, levels):
    """x float32 [N, C, H, W] -> [band H, band H/2, ..., low-pass H/2^(levels-1)]."""
    pyramid = [x]
    for _ in range(1, levels):
        pyramid.append(pyr_down(pyramid[-1]))
        pyramid[-2] = pyramid[-2] - pyr_up(pyramid[-1])
    return pyramid


def level_count(size):
    n, res = 0, size
    while res >= MIN_RES:
        n, res = n + 1, res // 2
    return n


# --- descriptors and SWD

def descriptors(level, rng):
    """128 random 7x7 neighbourhoods per picture of one pyramid level [N, C, H, W], each channel
    normalised over the patch set -> float32 [N * 128, C * 49]."""
    n, c, h, w = level.shape
    half = NHOOD // 2
    count = n * NHOODS_PER_IMAGE
    img = (np.arange(count) // NHOODS_PER_IMAGE)[:, None, None, None]
    chan = np.arange(c)[None, :, None, None]
    dy = np.arange(-half, half + 1)[None, None, :, None]
    dx = np.arange(-half, half + 1)[None, None, None, :]
    x = rng.integers(half, w - half, size=(count, 1, 1, 1)) + dx  # patch centres as ProGAN draws them
    y = rng.integers(half, h - half, size=(count, 1, 1, 1)) + dy
    desc = level[img, chan, y, x].astype(np.float32)  # [count, C, 7, 7]
    desc -= desc.mean(axis=(0, 2, 3), keepdims=True, dtype=np.float64).astype(np.float32)
    std = desc.std(axis=(0, 2, 3), keepdims=True, dtype=np.float64).astype(np.float32)
    desc /= np.maximum(std, 1e-8)  # a constant channel (all-white set) stays 0 instead of NaN
    return desc.reshape(count, -1)


def sliced_wasserstein(a, b, rng):
    """Mean over 4 x 128 random unit directions of the mean |sorted(a.d) - sorted(b.d)|."""
    assert a.shape == b.shape
    results = []
    for _ in range(DIR_REPEATS):
        dirs = rng.standard_normal((a.shape[1], DIRS_PER_REPEAT)).astype(np.float32)
        dirs /= np.sqrt(np.sum(np.square(dirs), axis=0, keepdims=True))
        pa = np.sort(a @ dirs, axis=0)
        pb = np.sort(b @ dirs, axis=0)
        results.append(np.mean(np.abs(pa - pb), axis=0, dtype=np.float64))
    return float(np.mean(results))


def level_descriptors(pixels, seed):
    """uint8 [N, H, W, 3] -> one descriptor set per pyramid level (patch positions from `seed`)."""
    x = pixels.transpose(0, 3, 1, 2).astype(np.float32)
    pyramid = laplacian_pyramid(x, level_count(x.shape[-1]))
    rng = np.random.default_rng(seed)
    return [descriptors(level, rng) for level in pyramid]


def swd(desc_a, desc_b, seed):
    """[SWD x1e3 per level..., average]. Directions from `seed` (the same for every comparison)."""
    dist = [sliced_wasserstein(a, b, np.random.default_rng([seed, i])) * 1e3
            for i, (a, b) in enumerate(zip(desc_a, desc_b))]
    return dist + [float(np.mean(dist))]


def evaluate(real, fake, count, seed=0):
    """real uint8 [M, H, W, 3] (M >= 2 * count), fake uint8 [>= count, H, W, 3] -> result dict."""
    order = np.random.default_rng([seed, 1]).permutation(len(real))
    a, b = real[order[:count]], real[order[count:2 * count]]
    desc_a = level_descriptors(a, [seed, 2])
    floor = swd(desc_a, level_descriptors(b, [seed, 3]), seed)
    result = swd(desc_a, level_descriptors(fake[:count], [seed, 4]), seed)
    ratio = [r / f if f > 0 else float("inf") for r, f in zip(result, floor)]
    return {"swd_x1e3": result, "swd_floor_x1e3": floor, "ratio": ratio, "images": int(count)}


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
