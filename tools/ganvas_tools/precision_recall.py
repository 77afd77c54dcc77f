"""Pixel-space precision and recall (Kynkaeaenniemi et al. 2019, k-NN balls, k = 3) and the
near-blank test, on uint8 picture sets [N, H, W, 3]; tools/evaluate.py explains and prints them."""
import numpy as np

K = 3
BLANK_DIFF = 40
BLANK_SHARE = 0.015


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
