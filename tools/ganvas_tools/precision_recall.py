"""Pixel-space precision and recall (Kynkaeaenniemi et al. 2019, k-NN balls, k = 3), the near-blank
test and the near-copy share, on uint8 picture sets [N, H, W, 3]; tools/evaluate.py explains and
prints them."""
import numpy as np

K = 3
BLANK_DIFF = 40
BLANK_SHARE = 0.015
COPY_SIDE = 16        # near-copies are judged at a glance: pictures box-averaged to 16x16
COPY_QUANTILE = 0.05  # closer than the nearest 5% of real pairs counts as a copy


def pairwise_sq(a, b):
    """Squared Euclidean distances [len(a), len(b)] (float64 accumulation of float32 products)."""
    aa = np.einsum("ij,ij->i", a, a, dtype=np.float64)[:, None]
    bb = np.einsum("ij,ij->i", b, b, dtype=np.float64)[None, :]
    return np.maximum(aa + bb - 2.0 * (a @ b.T).astype(np.float64), 0.0)


def knn_radii(x, k=K):
    """Squared distance of each row to its k-th nearest other row."""
    d = pairwise_sq(x, x)
    np.fill_diagonal(d, np.inf)
    return np.partition(d, k - 1, axis=1)[:, k - 1]


def coverage(points, centres, radii):
    """Share of `points` inside at least one ball (centre, radius)."""
    d = pairwise_sq(points, centres)
    return float(np.mean((d <= radii[None, :]).any(axis=1)))


def precision_recall(real, fake):
    """(precision, recall) of uint8 picture sets [N, H, W, 3]."""
    r = real.reshape(len(real), -1).astype(np.float32) / 255.0
    f = fake.reshape(len(fake), -1).astype(np.float32) / 255.0
    return coverage(f, r, knn_radii(r)), coverage(r, f, knn_radii(f))


def precision_recall_keys(reference, named, images):
    """Card keys for picture sets against one real reference: for each (prefix, set), PREFIXprecision
    and PREFIXrecall, in the given order, then pr_images. `rounded` gives them as cards store them."""
    keys = {}
    for prefix, pictures in named:
        keys[prefix + "precision"], keys[prefix + "recall"] = precision_recall(reference, pictures)
    keys["pr_images"] = images
    return keys


def rounded(keys):
    """Floats to 4 places, the precision cards keep."""
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in keys.items()}


def near_blank(pictures):
    """Per-picture flag: almost every pixel is the border's (median) colour."""
    border = np.concatenate([pictures[:, 0], pictures[:, -1], pictures[:, :, 0], pictures[:, :, -1]], axis=1)
    background = np.median(border, axis=1).astype(np.int16)  # [N, 3]
    diff = np.abs(pictures.astype(np.int16) - background[:, None, None, :]).max(axis=3)
    return (diff > BLANK_DIFF).mean(axis=(1, 2)) < BLANK_SHARE


def glance(pictures, side=COPY_SIDE):
    """Pictures box-averaged to side x side (layout and colours, not detail), as float vectors in 0-1."""
    n, h, w, c = pictures.shape
    fy, fx = max(h // side, 1), max(w // side, 1)
    x = pictures[:, :h - h % fy, :w - w % fx].astype(np.float32) / 255.0
    return x.reshape(n, h // fy, fy, w // fx, fx, c).mean(axis=(2, 4)).reshape(n, -1)


def nearest_other(x):
    """Distance of each row to its nearest other row."""
    return np.sqrt(knn_radii(x, k=1))


def near_copy_share(pictures, real_a, real_b, quantile=COPY_QUANTILE):
    """(share of `pictures` with a near-copy among them, the same for `real_b`): a near-copy is another
    picture of the same set closer, at a glance, than `real_a`'s `quantile` of nearest-neighbour
    distances. Compare sets of one size (distances shrink as a set grows); `real_b` is the reference,
    about `quantile` for pictures drawn like the real ones."""
    threshold = np.quantile(nearest_other(glance(real_a)), quantile)
    share = lambda s: float(np.mean(nearest_other(glance(s)) < threshold))  # noqa: E731
    return share(pictures), share(real_b)
