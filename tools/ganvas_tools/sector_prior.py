"""A cluster-conditioned generator's mixture prior as the first layers of its own graph, so Ganvas
samples it from z ~ N(0, I) like any other style (seeds, ψ, sliders, encoders unchanged).

The cluster of z is the sector its last two coordinates (a, b) point into: the circle is cut into
one sector per cluster, as wide as the cluster's share of the training pictures (the angle of a
2-D standard normal is uniform, so each cluster is drawn as often as in training). Then
z' = z + means[cluster]. The angle does not change when ψ scales z, so truncation keeps the
cluster and pulls towards its mean.

Only `conv2d` 1x1 and `relu` are needed, on the [d, 1, 1] latent:

    s_j = cross(direction of boundary j, (a, b))             signed distance from boundary j
    u_j = clamp(1/2 + s_j / eps)   v_j = clamp(1/2 - s_j / eps)    clamp(x) = relu(x) - relu(x - 1)
    membership of sector c (between boundaries c and c+1) = min(u_c, v_{c+1}) = u_c - relu(u_c - v_{c+1})
    z' = relu(z) - relu(-z) + sum_c means_c * membership_c

Memberships are 0 or 1 except within eps of a boundary, where two neighbours share (their sum
stays 1). A sector must be narrower than half the circle (each cluster under half the data).
"""
import math

import numpy as np
import torch

BAND = 0.002  # half-width of the blend at a boundary (in units of the coordinates): 0.8% of seeds blend two clusters


def boundaries(weights):
    """Angles (radians) where each cluster's sector starts, counter-clockwise from +a."""
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 1 or len(w) < 2 or (w < 0).any() or w.sum() <= 0:
        raise ValueError("the prior needs two or more non-negative cluster weights")
    w = w / w.sum()
    if w.max() >= 0.5:
        raise ValueError(f"a cluster holds {w.max():.0%} of the data; a sector must be under half the circle")
    return 2 * math.pi * np.concatenate([[0.0], np.cumsum(w)[:-1]])


def sector_of(z, weights):
    """Each latent's cluster (int [N]) from its last two coordinates: the reference the graph follows."""
    z = np.asarray(z, dtype=np.float64)
    angle = np.mod(np.arctan2(z[:, -1], z[:, -2]), 2 * math.pi)
    return np.searchsorted(boundaries(weights), angle, side="right") - 1


def prior_layers(means, weights, band=BAND):
    """(arch layers, tensors) that turn the [d, 1, 1] latent z into z + means[sector of z]: three
    1x1 convolutions with ReLUs between them, tensors named `prior.*` (float32)."""
    means = np.asarray(means, dtype=np.float64)
    k, d = means.shape
    theta = boundaries(weights)
    a, b = d - 2, d - 1
    # Layer 1: relu(z), relu(-z), and for each boundary the four ramps of u_j and v_j.
    w1 = np.zeros((2 * d + 4 * k, d))
    b1 = np.zeros(2 * d + 4 * k)
    w1[:d, :] = np.eye(d)
    w1[d:2 * d, :] = -np.eye(d)
    for j, t in enumerate(theta):
        s = np.zeros(d)
        s[a], s[b] = -math.sin(t) / band, math.cos(t) / band  # s_j / eps
        rows = 2 * d + 4 * j
        for i, (sign, offset) in enumerate(((1, 0.5), (1, -0.5), (-1, 0.5), (-1, -0.5))):
            w1[rows + i] = sign * s
            b1[rows + i] = offset
    u = lambda j: (2 * d + 4 * j, 2 * d + 4 * j + 1)          # u_j = relu(row) - relu(row + 1)
    v = lambda j: (2 * d + 4 * j + 2, 2 * d + 4 * j + 3)      # v_j likewise
    # Layer 2: relu(z), relu(-z) kept; u_c, and u_c - v_{c+1} (its ReLU is min's correction).
    w2 = np.zeros((2 * d + 2 * k, 2 * d + 4 * k))
    w2[:2 * d, :2 * d] = np.eye(2 * d)
    for c in range(k):
        up, down = u(c), v((c + 1) % k)
        w2[2 * d + c, up[0]], w2[2 * d + c, up[1]] = 1, -1
        w2[2 * d + k + c, up[0]], w2[2 * d + k + c, up[1]] = 1, -1
        w2[2 * d + k + c, down[0]], w2[2 * d + k + c, down[1]] = -1, 1
    # Layer 3: z + sum_c means_c * (u_c - relu(u_c - v_{c+1})).
    w3 = np.zeros((d, 2 * d + 2 * k))
    w3[:, :d] = np.eye(d)
    w3[:, d:2 * d] = -np.eye(d)
    w3[:, 2 * d:2 * d + k] = means.T
    w3[:, 2 * d + k:] = -means.T
    tensors, arch = {}, []
    for i, (w, bias) in enumerate(((w1, b1), (w2, None), (w3, None)), start=1):
        tensors[f"prior.{i}.weight"] = w.reshape(w.shape[0], w.shape[1], 1, 1).astype(np.float32)
        layer = {"op": "conv2d", "weight": f"prior.{i}.weight", "stride": 1, "padding": 0}
        if bias is not None:
            tensors[f"prior.{i}.bias"] = bias.astype(np.float32)
            layer["bias"] = f"prior.{i}.bias"
        arch.append(layer)
        if i < 3:
            arch.append({"op": "relu"})
    return arch, tensors


def memberships(z, weights, band=BAND):
    """[N, K] each latent's share of each cluster, straight from the formula above, in torch and in
    z's dtype: what training draws from (gan.MixturePrior), and the reference the graph's layers
    are tested against."""
    weights = weights.detach().cpu().numpy() if torch.is_tensor(weights) else weights
    theta = torch.from_numpy(boundaries(weights)).to(z.device, z.dtype)
    s = torch.cos(theta) * z[:, -1:] - torch.sin(theta) * z[:, -2:-1]  # [N, K]
    u, v = (0.5 + s / band).clamp(0, 1), (0.5 - s / band).clamp(0, 1)
    return torch.minimum(u, torch.roll(v, -1, dims=1))


def shifted(z, means, weights, band=BAND):
    """z + the means weighted by `memberships`: what `prior_layers` computes."""
    return z + memberships(z, weights, band) @ means.to(z.dtype)


def with_prior(arch, means, weights):
    """A generator's arch (starting with its reshape to [d, 1, 1]) with the prior's layers after
    the reshape; returns (arch, the prior's tensors)."""
    layers, tensors = prior_layers(means, weights)
    if not arch or arch[0]["op"] != "reshape":
        raise ValueError("the generator's arch does not start with its reshape")
    return arch[:1] + layers + arch[1:], tensors
