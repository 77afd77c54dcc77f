#!/usr/bin/env python3
"""Writes the upscaler fixtures the Swift engine is checked against (Tests/NeuralTests/Fixtures):

  upscaler.safetensors           an x2 upscaler in the model format (F16), random weights, the
                                 architecture tools/train_upscaler.py ships (8 channels, 1 middle block)
  upscaler_expected.safetensors  F32 tensors `input` [2, 3, 10, 12] in [-1, 1] and `output`
                                 [2, 3, 20, 24]: the reference interpreter (tools/ganvas_tools/torch_arch.py)
                                 run on the file's F16 weights in float32

Deterministic (fixed torch seed, CPU, one thread).
"""

import torch

from ganvas_tools.fixtures import write_network_fixture  # noqa: E402
from ganvas_tools.upscaler_net import Upscaler  # noqa: E402


def main():
    torch.manual_seed(77)
    torch.set_num_threads(1)
    meta = {"kind": "upscaler", "name": "tiny", "scale": "2", "resolution": "16", "description": "test fixture, random weights",
            "dataset": "none (random weights)", "license": "CC0-1.0", "training": "none", "quality": {}}
    # Random weights everywhere (training starts the tail at zero).
    write_network_fixture("upscaler", Upscaler(2, channels=8, blocks=1), meta, (2, 3, 10, 12))


if __name__ == "__main__":
    main()
