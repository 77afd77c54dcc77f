#!/usr/bin/env python3
"""Writes the PyTorch reference fixtures that the Swift engine's tests check against.

    python3 tools/make_fixtures.py            # (re)write Tests/NeuralTests/Fixtures/*, then check them
    python3 tools/make_fixtures.py --check    # only read the files back and check them

Deterministic: a fixed torch seed, CPU, one thread. Files (all under Tests/NeuralTests/Fixtures/):

  layers.safetensors         per-layer cases, F32. `__metadata__["ganvas.fixture.cases"]` is a JSON list of
                             {"name", "arch", "input", "output"}; the arch's tensor fields and input/output
                             name tensors in this file ("<case>.<role>"). Inputs are batches of 2.
  tiny.safetensors           a complete generator in the model format (F32), latent_dim 16, resolution 16.
  tiny_f16.safetensors       the same weights stored F16.
  tiny_expected.safetensors  F32 tensors z [K,16], out [K,3,16,16] (F32 model), out_f16 (F16 model's weights,
                             float32 math), pixels [K,16,16,3] (bytes of `out`), z_psi07 = float32(0.7) * z,
                             out_psi07, for the seeds in `__metadata__["seeds"]` (JSON numbers; "seeds_str"
                             holds them as strings; "psi" is "0.7"); plus pixels_edge_in [1,3,4,8] and
                             pixels_edge_out [1,4,8,3]: the byte formula on +-inf, NaN, out-of-range values and
                             rounding boundaries (float32 math; float64 gives different bytes for some).

Reference semantics: tools/ganvas_tools/torch_arch.py (batchnorm is never folded there; the Swift
engine folds it, so compare with a tolerance, ~1e-5 relative).
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch

from ganvas_tools.latent import seeded_latents  # noqa: E402
from ganvas_tools.fixtures import FIXTURES, ROOT, write_f32_safetensors  # noqa: E402
from ganvas_tools.modelfile import read_model, write_model  # noqa: E402
from ganvas_tools.torch_arch import forward, to_pixels  # noqa: E402

TORCH_SEED = 20240607
SEEDS = [0, 1, 7, 8, 123456789, 18446744073709551615]
PSI = 0.7
TENSOR_FIELDS = ("weight", "bias", "mean", "var")
SIZE_LIMIT = 400 * 1024
# --check recomputes with this machine's torch: other versions/CPUs may differ by float rounding.
FLOAT_TOL = 1e-5
TOLERANCE = {"z": 0.0, "pixels": 1.0, "pixels_edge_in": 0.0, "pixels_edge_out": 0.0}

TINY_META = {
    "name": "tiny",
    "description": "test fixture, random weights",
    "resolution": "16",
    "latent_dim": "16",
    "dataset": "none (random weights)",
    "license": "CC0-1.0",
    "steps": "0",
    "training": "none",
    "quality": "{}",
}


class Rand:
    """Random tensors from one seeded torch generator, as float32 numpy arrays."""

    def __init__(self, seed):
        self.g = torch.Generator().manual_seed(seed)

    def normal(self, shape, std=1.0, mean=0.0):
        return (torch.randn(shape, generator=self.g) * std + mean).numpy().astype(np.float32)

    def uniform(self, shape, lo, hi):
        return (torch.rand(shape, generator=self.g) * (hi - lo) + lo).numpy().astype(np.float32)

    def weight(self, shape, fan_in, gain=1.0):
        return self.normal(shape, gain / np.sqrt(fan_in))

    def bn(self, c):
        """Non-trivial eval-mode batchnorm parameters for c channels."""
        return {"weight": self.uniform([c], 0.5, 1.5), "bias": self.normal([c], 0.2),
                "mean": self.normal([c], 0.5), "var": self.uniform([c], 0.5, 2.0)}


# ---------------------------------------------------------------------------------------------
# layers.safetensors


def layer_cases(r):
    """Yields (name, arch with local tensor names, params name -> array, input array)."""
    def bn(c, prefix="bn", eps=None):
        p = {f"{prefix}.{k}": v for k, v in r.bn(c).items()}
        layer = {"op": "batchnorm", "weight": f"{prefix}.weight", "bias": f"{prefix}.bias",
                 "mean": f"{prefix}.mean", "var": f"{prefix}.var"}
        if eps is not None:
            layer["eps"] = eps
        return layer, p

    # linear
    yield ("linear_bias", [{"op": "linear", "weight": "weight", "bias": "bias"}],
           {"weight": r.weight([53, 37], 37), "bias": r.normal([53], 0.1)}, r.normal([2, 37]))
    yield ("linear_nobias", [{"op": "linear", "weight": "weight"}],
           {"weight": r.weight([19, 23], 23)}, r.normal([2, 23]))

    # conv2d
    yield ("conv2d_k3s1p1_bias", [{"op": "conv2d", "weight": "weight", "bias": "bias", "stride": 1, "padding": 1}],
           {"weight": r.weight([5, 4, 3, 3], 36), "bias": r.normal([5], 0.1)}, r.normal([2, 4, 7, 9]))
    yield ("conv2d_k4s2p1_nobias", [{"op": "conv2d", "weight": "weight", "stride": 2, "padding": 1}],
           {"weight": r.weight([3, 4, 4, 4], 64)}, r.normal([2, 4, 8, 10]))
    yield ("conv2d_k1_defaults", [{"op": "conv2d", "weight": "weight", "bias": "bias"}],  # stride/padding omitted
           {"weight": r.weight([5, 6, 1, 1], 6), "bias": r.normal([5], 0.1)}, r.normal([2, 6, 5, 7]))
    yield ("conv2d_k3s2p0_odd", [{"op": "conv2d", "weight": "weight", "bias": "bias", "stride": 2, "padding": 0}],
           {"weight": r.weight([4, 3, 3, 3], 27), "bias": r.normal([4], 0.1)}, r.normal([2, 3, 9, 7]))
    yield ("conv2d_k5p2_cin3", [{"op": "conv2d", "weight": "weight", "bias": "bias", "stride": 1, "padding": 2}],
           {"weight": r.weight([4, 3, 5, 5], 75), "bias": r.normal([4], 0.1)}, r.normal([2, 3, 7, 6]))

    # conv_transpose2d (weight [in, out, kh, kw])
    yield ("convT_k4s2p1_bias", [{"op": "conv_transpose2d", "weight": "weight", "bias": "bias", "stride": 2, "padding": 1}],
           {"weight": r.weight([4, 3, 4, 4], 4 * 4), "bias": r.normal([3], 0.1)}, r.normal([2, 4, 3, 5]))
    yield ("convT_k4s1p0_from_1x1", [{"op": "reshape", "shape": [8, 1, 1]},
                                     {"op": "conv_transpose2d", "weight": "weight", "stride": 1, "padding": 0}],
           {"weight": r.weight([8, 8, 4, 4], 8)}, r.normal([2, 8]))
    yield ("convT_k3s2p1_op1", [{"op": "conv_transpose2d", "weight": "weight", "bias": "bias", "stride": 2,
                                 "padding": 1, "output_padding": 1}],
           {"weight": r.weight([4, 3, 3, 3], 4 * 9 / 4), "bias": r.normal([3], 0.1)}, r.normal([2, 4, 4, 5]))
    yield ("convT_k3s1p1", [{"op": "conv_transpose2d", "weight": "weight", "bias": "bias", "stride": 1, "padding": 1}],
           {"weight": r.weight([4, 6, 3, 3], 36), "bias": r.normal([6], 0.1)}, r.normal([2, 4, 7, 5]))

    # upsample
    for mode in ("nearest", "bilinear"):
        for scale in (2, 3):
            yield (f"upsample_{mode}_x{scale}", [{"op": "upsample", "mode": mode, "scale": scale}], {},
                   r.normal([2, 2, 4, 5]))

    # batchnorm
    layer, p = bn(6)
    yield ("conv2d_bn", [{"op": "conv2d", "weight": "conv.weight", "bias": "conv.bias", "stride": 1, "padding": 1}, layer],
           {"conv.weight": r.weight([6, 4, 3, 3], 36), "conv.bias": r.normal([6], 0.1), **p}, r.normal([2, 4, 7, 5]))
    layer, p = bn(4)
    yield ("convT_bn", [{"op": "conv_transpose2d", "weight": "convT.weight", "stride": 2, "padding": 1}, layer],
           {"convT.weight": r.weight([5, 4, 4, 4], 20), **p}, r.normal([2, 5, 4, 5]))
    layer, p = bn(23, eps=1e-3)
    yield ("linear_bn_1d", [{"op": "linear", "weight": "linear.weight", "bias": "linear.bias"}, layer],
           {"linear.weight": r.weight([23, 19], 19), "linear.bias": r.normal([23], 0.1), **p}, r.normal([2, 19]))
    layer, p = bn(6)
    yield ("linear_reshape_bn", [{"op": "linear", "weight": "linear.weight"}, {"op": "reshape", "shape": [6, 2, 3]}, layer],
           {"linear.weight": r.weight([36, 20], 20), **p}, r.normal([2, 20]))
    layer, p = bn(5)  # eps omitted -> 1e-5
    yield ("relu_bn_affine", [{"op": "relu"}, layer], p, r.normal([2, 5, 4, 5]))

    # per-channel bias, activations, reshape
    yield ("bias", [{"op": "bias", "bias": "bias"}], {"bias": r.normal([4], 0.5)}, r.normal([2, 4, 5, 6]))
    yield ("bias_1d", [{"op": "bias", "bias": "bias"}], {"bias": r.normal([9], 0.5)}, r.normal([2, 9]))
    yield ("relu", [{"op": "relu"}], {}, r.normal([2, 3, 4, 5]))
    yield ("leaky_relu_0.2", [{"op": "leaky_relu", "slope": 0.2}], {}, r.normal([2, 3, 4, 5]))
    yield ("leaky_relu_default", [{"op": "leaky_relu"}], {}, r.normal([2, 3, 4, 5]))  # slope omitted -> 0.01
    yield ("tanh", [{"op": "tanh"}], {}, r.normal([2, 3, 4, 5], 2.0))
    yield ("reshape_chw", [{"op": "reshape", "shape": [5, 2, 3]}], {}, r.normal([2, 30]))
    yield ("reshape_flatten", [{"op": "reshape", "shape": [60]}], {}, r.normal([2, 3, 4, 5]))

    # a whole little generator
    bn1, p1 = bn(12, "bn1")
    bn2, p2 = bn(8, "bn2")
    yield ("chain_generator", [
        {"op": "linear", "weight": "fc.weight", "bias": "fc.bias"},
        {"op": "reshape", "shape": [12, 2, 2]},
        bn1,
        {"op": "relu"},
        {"op": "upsample", "mode": "nearest", "scale": 2},
        {"op": "conv2d", "weight": "conv.weight", "bias": "conv.bias", "stride": 1, "padding": 1},
        bn2,
        {"op": "leaky_relu", "slope": 0.2},
        {"op": "conv_transpose2d", "weight": "convT.weight", "bias": "convT.bias", "stride": 2, "padding": 1},
        {"op": "tanh"},
    ], {"fc.weight": r.weight([48, 10], 10), "fc.bias": r.normal([48], 0.1), **p1,
        "conv.weight": r.weight([8, 12, 3, 3], 108), "conv.bias": r.normal([8], 0.1), **p2,
        "convT.weight": r.weight([8, 3, 4, 4], 32, gain=1.5), "convT.bias": r.normal([3], 0.1)},
        r.normal([2, 10]))


def graph_cases(r):
    """Cases for the graph ops and for layers whose `inputs` name earlier layers (drawn from their
    own generator, so the chain cases and the tiny model keep their numbers)."""
    conv = lambda cin, cout, k=3: {"weight": r.weight([cout, cin, k, k], cin * k * k), "bias": r.normal([cout], 0.1)}  # noqa: E731
    c = conv(4, 4)
    yield ("add_residual", [{"op": "conv2d", "weight": "weight", "bias": "bias", "padding": 1, "name": "c"},
                            {"op": "add", "inputs": ["input", "c"]}], c, r.normal([2, 4, 5, 6]))
    yield ("mul_same_shape", [{"op": "sigmoid", "name": "s"}, {"op": "mul", "inputs": ["input", "s"]}], {}, r.normal([2, 3, 4, 5]))
    c = conv(5, 5, 1)
    yield ("mul_per_channel_gate", [{"op": "global_avg_pool"}, {"op": "conv2d", "weight": "weight", "bias": "bias"},
                                    {"op": "sigmoid", "name": "g"}, {"op": "mul", "inputs": ["input", "g"]}], c, r.normal([2, 5, 4, 6]))
    c = conv(3, 4)
    yield ("concat_three", [{"op": "conv2d", "weight": "weight", "bias": "bias", "padding": 1, "name": "a"},
                            {"op": "relu", "inputs": ["input"], "name": "b"},
                            {"op": "concat", "inputs": ["a", "b", "input"]}], c, r.normal([2, 3, 5, 4]))
    yield ("glu", [{"op": "glu"}], {}, r.normal([2, 6, 4, 5], 2.0))
    yield ("glu_wide", [{"op": "glu"}], {}, r.normal([2, 34, 3, 2], 2.0))
    yield ("avg_pool_2", [{"op": "avg_pool", "kernel": 2}], {}, r.normal([2, 3, 8, 6]))
    yield ("avg_pool_3", [{"op": "avg_pool", "kernel": 3}], {}, r.normal([2, 2, 9, 6]))
    yield ("global_avg_pool", [{"op": "global_avg_pool"}], {}, r.normal([2, 7, 5, 3]))
    yield ("pixel_shuffle_2", [{"op": "pixel_shuffle", "factor": 2}], {}, r.normal([2, 12, 3, 4]))
    yield ("pixel_shuffle_3", [{"op": "pixel_shuffle", "factor": 3}], {}, r.normal([2, 9, 2, 3]))
    yield ("sigmoid", [{"op": "sigmoid"}], {}, r.normal([2, 3, 4, 5], 3.0))
    yield ("silu", [{"op": "silu"}], {}, r.normal([2, 3, 4, 5], 3.0))
    yield ("silu_1d", [{"op": "silu"}], {}, r.normal([2, 13], 3.0))
    # batch norm whose layer has a second reader: it must not be folded into that layer
    c = conv(4, 4)
    bn = {f"bn.{k}": v for k, v in r.bn(4).items()}
    yield ("batchnorm_not_folded_when_shared", [
        {"op": "conv2d", "weight": "weight", "bias": "bias", "padding": 1, "name": "c"},
        {"op": "batchnorm", "weight": "bn.weight", "bias": "bn.bias", "mean": "bn.mean", "var": "bn.var", "name": "n"},
        {"op": "add", "inputs": ["c", "n"]}], {**c, **bn}, r.normal([2, 4, 5, 5]))
    # an activation whose input has a second reader: it must not be fused into that layer
    c = conv(4, 4)
    yield ("relu_not_fused_when_shared", [{"op": "conv2d", "weight": "weight", "bias": "bias", "padding": 1, "name": "c"},
                                          {"op": "relu", "name": "r"}, {"op": "add", "inputs": ["c", "r"]}], c, r.normal([2, 4, 5, 5]))
    # a small generator with a skip-layer excitation, as models.SLEGenerator exports it
    bn1 = {f"bn1.{k}": v for k, v in r.bn(8).items()}
    bn2 = {f"bn2.{k}": v for k, v in r.bn(6).items()}
    def bn_layer(p):
        return {"op": "batchnorm", "weight": p + ".weight", "bias": p + ".bias", "mean": p + ".mean", "var": p + ".var"}
    yield ("sle_generator", [
        {"op": "reshape", "shape": [10, 1, 1]},
        {"op": "conv_transpose2d", "weight": "t1.weight", "stride": 1, "padding": 0}, bn_layer("bn1"), {"op": "relu", "name": "h4"},
        {"op": "conv_transpose2d", "weight": "t2.weight", "stride": 2, "padding": 1}, bn_layer("bn2"), {"op": "relu", "name": "h8"},
        {"op": "conv2d", "weight": "g1.weight", "bias": "g1.bias", "inputs": ["h4"]}, {"op": "silu"},
        {"op": "conv2d", "weight": "g2.weight", "bias": "g2.bias"}, {"op": "sigmoid", "name": "gate"},
        {"op": "mul", "inputs": ["h8", "gate"]},
        {"op": "conv_transpose2d", "weight": "t3.weight", "bias": "t3.bias", "stride": 2, "padding": 1}, {"op": "tanh"},
    ], {"t1.weight": r.weight([10, 8, 4, 4], 10), **bn1, "t2.weight": r.weight([8, 6, 4, 4], 32), **bn2,
        "g1.weight": r.weight([6, 8, 4, 4], 128), "g1.bias": r.normal([6], 0.1),
        "g2.weight": r.weight([6, 6, 1, 1], 6), "g2.bias": r.normal([6], 0.5),
        "t3.weight": r.weight([6, 3, 4, 4], 24, gain=1.5), "t3.bias": r.normal([3], 0.1)}, r.normal([2, 10]))


def make_layers(path, r):
    tensors, cases = {}, []
    for name, arch, params, x in list(layer_cases(r)) + list(graph_cases(Rand(TORCH_SEED + 1))):
        prefix = name + "."
        arch = [{k: (prefix + v if k in TENSOR_FIELDS else v) for k, v in layer.items()} for layer in arch]
        for local, array in params.items():
            tensors[prefix + local] = array
        y = forward(arch, tensors, x).numpy()
        tensors[prefix + "input"] = x
        tensors[prefix + "output"] = y
        cases.append({"name": name, "arch": arch, "input": prefix + "input", "output": prefix + "output"})
    # write_model adds ganvas.format "1" and ganvas.arch "[]"; the cases go to ganvas.fixture.cases.
    write_model(path, tensors, [], {"fixture.cases": cases}, dtype="F32")


# ---------------------------------------------------------------------------------------------
# tiny model


def tiny_model(r):
    arch = [
        {"op": "reshape", "shape": [16, 1, 1]},
        {"op": "conv_transpose2d", "weight": "convt1.weight", "stride": 1, "padding": 0},
        {"op": "batchnorm", "weight": "bn1.weight", "bias": "bn1.bias", "mean": "bn1.running_mean",
         "var": "bn1.running_var", "eps": 1e-5},
        {"op": "relu"},
        {"op": "conv_transpose2d", "weight": "convt2.weight", "stride": 2, "padding": 1},
        {"op": "batchnorm", "weight": "bn2.weight", "bias": "bn2.bias", "mean": "bn2.running_mean",
         "var": "bn2.running_var", "eps": 1e-5},
        {"op": "relu"},
        {"op": "upsample", "mode": "nearest", "scale": 2},
        {"op": "conv2d", "weight": "conv3.weight", "bias": "conv3.bias", "stride": 1, "padding": 1},
        {"op": "tanh"},
    ]
    t = {"convt1.weight": r.weight([16, 32, 4, 4], 16)}
    t.update({f"bn1.{k}": v for k, v in zip(("weight", "bias", "running_mean", "running_var"), r.bn(32).values())})
    t["convt2.weight"] = r.weight([32, 16, 4, 4], 32 * 16 / 4)
    t.update({f"bn2.{k}": v for k, v in zip(("weight", "bias", "running_mean", "running_var"), r.bn(16).values())})
    t["conv3.weight"] = r.weight([3, 16, 3, 3], 144, gain=1.2)
    t["conv3.bias"] = r.normal([3], 0.1)
    return arch, t


def make_tiny(r):
    arch, t = tiny_model(r)
    write_model(os.path.join(FIXTURES, "tiny.safetensors"), t, arch, TINY_META, dtype="F32")
    write_model(os.path.join(FIXTURES, "tiny_f16.safetensors"), t, arch, TINY_META, dtype="F16")
    expected = compute_expected()
    px_in = pixel_edge_inputs()
    expected["pixels_edge_in"] = px_in
    expected["pixels_edge_out"] = to_pixels(px_in).astype(np.float32)
    write_f32_safetensors(os.path.join(FIXTURES, "tiny_expected.safetensors"), expected,
                          {"seeds": json.dumps(SEEDS), "seeds_str": json.dumps([str(s) for s in SEEDS]),
                           "psi": repr(PSI), "model": "tiny.safetensors", "model_f16": "tiny_f16.safetensors"})


def pixel_edge_inputs():
    """[1, 3, 4, 8] float32 values that exercise the byte formula: +-1, out of range, +-inf, NaN, -0,
    exact .5 rounding boundaries of (x + 1) * 127.5 + 0.5 and their float32 neighbours."""
    f = np.float32
    vals = [f(-1), f(1), f(0), f(-0.0), f(np.nextafter(f(1), f(2))), f(np.nextafter(f(-1), f(-2))),
            f(1.5), f(-1.5), f(7), f(-7), f(np.inf), f(-np.inf), f(np.nan), f(1e-8), f(-1e-8), f(0.5)]
    for k in (1, 64, 128, 200, 255):  # x where (x + 1) * 127.5 + 0.5 == k in exact arithmetic
        x = f((k - 0.5) / 127.5 - 1.0)
        vals += [np.nextafter(x, f(-2)), x, np.nextafter(x, f(2))]
    g = torch.Generator().manual_seed(TORCH_SEED + 1)
    vals += list((torch.rand(96 - len(vals), generator=g) * 2.2 - 1.1).numpy())
    return np.array(vals, dtype=np.float32).reshape(1, 3, 4, 8)


def compute_expected():
    """Everything in tiny_expected.safetensors, computed from the model files as written."""
    t32, arch, _ = read_model(os.path.join(FIXTURES, "tiny.safetensors"))
    t16, arch16, _ = read_model(os.path.join(FIXTURES, "tiny_f16.safetensors"))  # f16 -> f32 weights
    z = seeded_latents(SEEDS, 16)
    z_psi = (np.float32(PSI) * z).astype(np.float32)  # psi as float32, product in float32
    out = forward(arch, t32, z).numpy()
    return {
        "z": z,
        "out": out,
        "out_f16": forward(arch16, t16, z).numpy(),
        "pixels": to_pixels(out).astype(np.float32),
        "z_psi07": z_psi,
        "out_psi07": forward(arch, t32, z_psi).numpy(),
    }


# ---------------------------------------------------------------------------------------------
# checks


def maxerr(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape:
        raise AssertionError(f"shape {a.shape} != {b.shape}")
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def check_layout(path):
    """The README's reader rules: header <= 1 MiB, offsets inside the file, no overlaps or gaps,
    F16/F32 only, byte counts matching shapes. Also loads it with the safetensors library."""
    import struct
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert n <= 1 << 20, "header over 1 MiB"
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()), "metadata not str->str"
    spans = []
    for name, info in header.items():
        assert info["dtype"] in ("F16", "F32"), (name, info["dtype"])
        b, e = info["data_offsets"]
        assert e - b == int(np.prod(info["shape"], dtype=np.int64)) * (2 if info["dtype"] == "F16" else 4), name
        spans.append((b, e))
    spans.sort()
    pos = 0
    for b, e in spans:
        assert b == pos, f"gap/overlap at {b}"
        pos = e
    assert 8 + n + pos == len(raw), "tensor bytes do not end the file"
    from safetensors.numpy import load_file
    load_file(path)
    return meta


def check():
    ok = True
    files = ["layers.safetensors", "tiny.safetensors", "tiny_f16.safetensors", "tiny_expected.safetensors"]
    total = 0
    print("files:")
    for f in files:
        p = os.path.join(FIXTURES, f)
        check_layout(p)
        size = os.path.getsize(p)
        total += size
        print(f"  {os.path.relpath(p, ROOT)}  {size} bytes  sha256 {hashlib.sha256(open(p, 'rb').read()).hexdigest()[:16]}")
    print(f"  total {total} bytes (limit {SIZE_LIMIT})")
    ok &= total < SIZE_LIMIT

    tensors, _, meta = read_model(os.path.join(FIXTURES, "layers.safetensors"))
    cases = json.loads(meta["ganvas.fixture.cases"])
    used = set()
    print(f"layers.safetensors: {len(cases)} cases")
    for c in cases:
        x, y = tensors[c["input"]], tensors[c["output"]]
        err = maxerr(forward(c["arch"], tensors, x).numpy(), y)
        used |= {c["input"], c["output"]} | {l[k] for l in c["arch"] for k in TENSOR_FIELDS if k in l}
        ops = "->".join(l["op"] for l in c["arch"])
        print(f"  {c['name']:24s} {str(list(x.shape)):16s} -> {str(list(y.shape)):16s} "
              f"|y|max {np.abs(y).max():7.3f}  err {err:.3g}  [{ops}]")
        ok &= err <= FLOAT_TOL
    unused = set(tensors) - used
    if unused:
        print("  unused tensors:", sorted(unused))
        ok = False

    t32, arch, m32 = read_model(os.path.join(FIXTURES, "tiny.safetensors"))
    t16, arch16, m16 = read_model(os.path.join(FIXTURES, "tiny_f16.safetensors"))
    assert arch == arch16 and m32 == m16
    for k, v in TINY_META.items():
        assert m32["ganvas." + k] == v, k
    assert m32["ganvas.format"] == "1"
    err16 = max(maxerr(t32[k].astype(np.float16).astype(np.float32), t16[k]) for k in t32)
    print(f"tiny: {len(t32)} tensors, f16 file == f32 weights rounded to f16: err {err16}")
    ok &= err16 == 0.0

    from safetensors.numpy import load_file
    from safetensors import safe_open
    exp = load_file(os.path.join(FIXTURES, "tiny_expected.safetensors"))
    with safe_open(os.path.join(FIXTURES, "tiny_expected.safetensors"), "np") as f:
        emeta = f.metadata()
    assert json.loads(emeta["seeds"]) == SEEDS and [int(s) for s in json.loads(emeta["seeds_str"])] == SEEDS
    again = compute_expected()
    print(f"tiny_expected.safetensors: seeds {emeta['seeds']}, psi {emeta['psi']}")
    again["pixels_edge_in"] = pixel_edge_inputs()
    again["pixels_edge_out"] = to_pixels(again["pixels_edge_in"]).astype(np.float32)
    for k in ("z", "out", "out_f16", "pixels", "z_psi07", "out_psi07", "pixels_edge_in", "pixels_edge_out"):
        a, b = np.nan_to_num(again[k], nan=123.0), np.nan_to_num(exp[k], nan=123.0)
        err = maxerr(np.where(np.isinf(a), 0, a), np.where(np.isinf(b), 0, b))
        err += float(np.any(np.isnan(again[k]) != np.isnan(exp[k])) or np.any(np.isinf(again[k]) != np.isinf(exp[k])))
        fin = exp[k][np.isfinite(exp[k])]
        print(f"  {k:15s} {str(list(exp[k].shape)):16s} {exp[k].dtype}  finite min {fin.min():8.4f} max {fin.max():8.4f}  err {err:.3g}")
        ok &= err <= TOLERANCE.get(k, FLOAT_TOL)
    out = exp["out"]
    assert out.shape == (len(SEEDS), 3, 16, 16)
    print(f"  out: |x|>0.99 fraction {np.mean(np.abs(out) > 0.99):.3f}, std {out.std():.3f}; "
          f"out vs out_f16 max diff {maxerr(out, exp['out_f16']):.3g}; "
          f"pixels distinct values {len(np.unique(exp['pixels']))}")
    print("OK" if ok else "FAILED")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only check the existing files")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    if not args.check:
        os.makedirs(FIXTURES, exist_ok=True)
        r = Rand(TORCH_SEED)
        make_layers(os.path.join(FIXTURES, "layers.safetensors"), r)
        make_tiny(r)
    sys.exit(0 if check() else 1)


if __name__ == "__main__":
    main()
