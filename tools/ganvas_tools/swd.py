"""Sliced Wasserstein distance (SWD) between picture sets, as in ProGAN (Karras et al. 2018,
appendix D, and the authors' metrics/sliced_wasserstein.py); tools/evaluate_swd.py explains the
method and prints it. Pure numpy, deterministic for a given seed."""
import numpy as np

NHOOD = 7
NHOODS_PER_IMAGE = 128
DIR_REPEATS = 4
DIRS_PER_REPEAT = 128
MIN_RES = 16
KERNEL_1D = np.array([1, 4, 6, 4, 1], dtype=np.float32) / 16.0  # outer product: ProGAN's 5x5 / 256




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
