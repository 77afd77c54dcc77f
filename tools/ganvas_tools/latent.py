"""Seed -> z, bit for bit the same as Sources/Latent (models/README.md, "Seeded latents"); and a
seed's mixture component for a model with a latent prior (`train.py --clusters`)."""
import math
import struct

MASK = (1 << 64) - 1


def splitmix64(state):
    """Yields the SplitMix64 stream that starts at `state`."""
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def _unit(word):
    return ((word >> 11) + 0.5) / float(1 << 53)


def seeded_latent(seed, dim):
    """Returns z for `seed` as a list of `dim` float32 values (Python floats rounded through f32)."""
    if not 0 <= seed <= MASK:
        raise ValueError(f"seed {seed} is outside 0...2^64-1")
    words = splitmix64(seed)
    out = []
    while len(out) < dim:
        u1, u2 = _unit(next(words)), _unit(next(words))
        r = math.sqrt(-2.0 * math.log(u1))
        out.append(r * math.cos(2.0 * math.pi * u2))
        if len(out) < dim:
            out.append(r * math.sin(2.0 * math.pi * u2))
    return [struct.unpack("<f", struct.pack("<f", v))[0] for v in out]


def seeded_latents(seeds, dim):
    """A float32 numpy array [len(seeds), dim]."""
    import numpy as np
    return np.array([seeded_latent(s, dim) for s in seeds], dtype=np.float32)


COMPONENT_SALT = 0x636C7573746572  # "cluster": the component's stream is not z's


def seeded_component(seed, weights):
    """The mixture component (cluster) of `seed` for a model with a latent prior: one SplitMix64
    word of the salted seed, as a uniform u in (0, 1), against the running sum of the weights
    (float64, in file order).  The picture is then z(seed) + means[component]."""
    u = _unit(next(splitmix64(seed ^ COMPONENT_SALT))) * float(sum(weights))
    total = 0.0
    for i, w in enumerate(weights):
        total += float(w)
        if u < total:
            return i
    return len(weights) - 1


def prior_latents(seeds, dim, means, weights):
    """float32 [len(seeds), dim]: each seed's z shifted by its component's mean."""
    import numpy as np
    z = seeded_latents(seeds, dim)
    picks = [seeded_component(s, list(weights)) for s in seeds]
    return (z + np.asarray(means, dtype=np.float32)[picks]).astype(np.float32)
