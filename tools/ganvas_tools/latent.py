"""Seed -> z, bit for bit the same as Sources/Latent (models/README.md, "Seeded latents")."""
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
