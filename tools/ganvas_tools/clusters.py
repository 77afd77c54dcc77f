"""Cluster labels for a training set, for cluster-conditioned training (`train.py --clusters K`,
after the self-conditioned GAN of Liu et al. 2020).

Unconditional GANs on small, varied sets drop modes: the emoji generator draws one bust template
a dozen times in 64 seeds. Conditioning G and D on a cluster of the data makes G draw every
cluster in proportion to its share of the pictures, and D judge each against its own kind.

Clusters are found in pixel space (16x16 average colours, PCA to 64 dimensions, k-means++ then
Lloyd): no pretrained network, so the feature-space metric (`feature_space.py`) stays independent
of how the data was split. Deterministic for a given seed.
"""
import torch
import torch.nn.functional as F

PCA_DIMS = 64


def describe(pictures):
    """uint8 [N, 3, H, W] -> float32 [N, d]: 16x16 colours, centred and projected on the top PCA axes."""
    x = pictures.float().div(127.5).sub(1.0)
    x = F.adaptive_avg_pool2d(x, 16).flatten(1)
    x = x - x.mean(0, keepdim=True)
    dims = min(PCA_DIMS, x.shape[0], x.shape[1])
    _, _, v = torch.linalg.svd(x, full_matrices=False)
    return x @ v[:dims].T


def kmeans(points, k, seed=0, iterations=60):
    """(labels [N] int64, centres [k, d]) of k-means on points [N, d]: k-means++ seeding, Lloyd
    iterations; a cluster left empty is re-seeded with the point farthest from its centre."""
    n = points.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"{k} clusters for {n} pictures")
    gen = torch.Generator().manual_seed(seed)
    centres = points[torch.randint(0, n, (1,), generator=gen)]
    for _ in range(1, k):
        d2 = torch.cdist(points, centres).min(1).values.pow(2)
        pick = torch.multinomial(d2 + 1e-12, 1, generator=gen)
        centres = torch.cat([centres, points[pick]])
    labels = None
    for _ in range(iterations):
        dist = torch.cdist(points, centres)
        new = dist.argmin(1)
        if labels is not None and torch.equal(new, labels):
            break
        labels = new
        for c in range(k):
            members = points[labels == c]
            if len(members):
                centres[c] = members.mean(0)
            else:
                far = dist.min(1).values.argmax()
                centres[c] = points[far]
                labels[far] = c
    return labels, centres


def cluster_pictures(pictures, k, seed=0):
    """Cluster labels (int64 [N]) of uint8 pictures [N, 3, H, W]."""
    return kmeans(describe(pictures), k, seed)[0]


def cluster_weights(labels, k):
    """Each cluster's share of the pictures, float32 [k] (every cluster holds at least one)."""
    counts = torch.bincount(labels, minlength=k).float()
    return counts / counts.sum()
