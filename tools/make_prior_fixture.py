#!/usr/bin/env python3
"""Writes the fixture of a cluster-conditioned generator (Tests/NeuralTests/Fixtures):

  tiny_clusters.safetensors           the tiny model (tiny.safetensors) with a mixture prior of 5
                                      clusters as its graph's first layers (ganvas_tools/sector_prior.py),
                                      F32; the trunk's tensors are tiny's own
  tiny_clusters_expected.safetensors  F32 `z` [N, 16] (seeds 1..8 and latents on either side of
                                      each boundary), `shifted` (the prior's output, by the
                                      formula, float64 then rounded) and `out` (the reference
                                      interpreter on the file)

Deterministic (fixed numpy seed).
"""
import os

import numpy as np
import torch

from ganvas_tools.fixtures import FIXTURES, write_f32_safetensors
from ganvas_tools.latent import seeded_latents
from ganvas_tools.modelfile import read_model, write_model
from ganvas_tools.sector_prior import boundaries, shifted, with_prior
from ganvas_tools.torch_arch import forward


def latents(weights, rng):
    """Seeds 1..8, then for each boundary a latent just inside each neighbour's sector."""
    z = [seeded_latents(range(1, 9), 16)]
    for angle in boundaries(weights):
        for side in (-0.01, 0.01):
            v = rng.normal(size=(1, 16)).astype(np.float32)
            v[0, -2:] = 1.5 * np.cos(angle + side), 1.5 * np.sin(angle + side)
            z.append(v)
    return np.concatenate(z).astype(np.float32)


def main():
    rng = np.random.default_rng(2026)
    tensors, arch, meta = read_model(os.path.join(FIXTURES, "tiny.safetensors"))
    weights = rng.random(5) + 0.5
    weights /= weights.sum()
    means = rng.normal(size=(5, 16)) * 2
    arch, prior = with_prior(arch, means, weights)
    meta = {k.removeprefix("ganvas."): v for k, v in meta.items() if k not in ("ganvas.format", "ganvas.arch")}
    meta.update(name="tinyclusters", description="test fixture: tiny with a mixture prior of 5 clusters")
    path = os.path.join(FIXTURES, "tiny_clusters.safetensors")
    write_model(path, {**tensors, **prior}, arch, meta, dtype="F32")
    stored, stored_arch, _ = read_model(path)
    z = latents(weights, rng)
    out = forward(stored_arch, stored, z).numpy()
    write_f32_safetensors(os.path.join(FIXTURES, "tiny_clusters_expected.safetensors"),
                          {"z": z, "shifted": shifted(torch.from_numpy(z).double(), torch.from_numpy(means), weights).float().numpy(), "out": out}, {})
    print(f"wrote {path} ({len(stored_arch)} layers) and tiny_clusters_expected.safetensors ({len(z)} latents)")


if __name__ == "__main__":
    main()
