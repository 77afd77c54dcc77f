#!/usr/bin/env python3
"""Writes the upscaler fixtures the Swift engine is checked against (Tests/NeuralTests/Fixtures):

  upscaler.safetensors           an x2 upscaler in the model format (F16), random weights, the
                                 architecture tools/train_upscaler.py ships (8 channels, 1 middle block)
  upscaler_expected.safetensors  F32 tensors `input` [2, 3, 10, 12] in [-1, 1] and `output`
                                 [2, 3, 20, 24]: the reference interpreter (tools/ganvas_tools/torch_arch.py)
                                 run on the file's F16 weights in float32

Deterministic (fixed torch seed, CPU, one thread).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ganvas_tools.modelfile import read_model, write_model  # noqa: E402
from ganvas_tools.torch_arch import forward  # noqa: E402
from make_fixtures import FIXTURES, write_f32_safetensors  # noqa: E402
from train_upscaler import Upscaler  # noqa: E402


def main():
    torch.manual_seed(77)
    torch.set_num_threads(1)
    model = Upscaler(2, channels=8, blocks=1)
    for p in model.parameters():  # random weights everywhere (training starts the tail at zero)
        torch.nn.init.normal_(p, std=0.3)
    path = os.path.join(FIXTURES, "upscaler.safetensors")
    meta = {"kind": "upscaler", "name": "tiny", "scale": "2", "resolution": "16", "description": "test fixture, random weights",
            "dataset": "none (random weights)", "license": "CC0-1.0", "training": "none", "quality": {}}
    write_model(path, {k: v.detach().numpy() for k, v in model.state_dict().items()}, model.arch(), meta, dtype="F16")
    tensors, arch, _ = read_model(path)
    x = torch.rand(2, 3, 10, 12) * 2 - 1
    out = forward(arch, tensors, x)
    write_f32_safetensors(os.path.join(FIXTURES, "upscaler_expected.safetensors"), {"input": x.numpy(), "output": out.numpy()}, {})
    print(f"wrote {path} and upscaler_expected.safetensors; output {list(out.shape)}")


if __name__ == "__main__":
    main()
