#!/usr/bin/env python3
"""Writes the encoder fixtures the Swift engine is checked against (Tests/NeuralTests/Fixtures):

  encoder.safetensors           an encoder for the `tiny` fixture style (16 px in, 16 latents
                                out) in the model format (F16), random weights, the architecture
                                tools/train_encoder.py ships (4 channels wide)
  encoder_nan.safetensors       the same with a NaN bias: what a broken file can do (the app
                                must fall back, not crash)
  encoder_expected.safetensors  F32 tensors `input` [3, 3, 16, 16] in [-1, 1] and `output` [3, 16]:
                                the reference interpreter (tools/ganvas_tools/torch_arch.py) run on
                                the file's F16 weights in float32

Deterministic (fixed torch seed, CPU, one thread).
"""
import os

import torch

from ganvas_tools.modelfile import write_model  # noqa: E402
from ganvas_tools.encoder_net import Encoder  # noqa: E402
from ganvas_tools.fixtures import FIXTURES, write_network_fixture  # noqa: E402


def main():
    torch.manual_seed(78)
    torch.set_num_threads(1)
    model = Encoder(16, resolution=16, channels=4)
    meta = {"kind": "encoder", "name": "tiny", "resolution": "16", "latent_dim": "16", "background": "#ffffff",
            "description": "test fixture, random weights", "dataset": "none (random weights)", "license": "CC0-1.0",
            "training": "none", "quality": {}}
    write_network_fixture("encoder", model, meta, (3, 3, 16, 16))
    broken = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    broken["head.bias"][0] = float("nan")
    write_model(os.path.join(FIXTURES, "encoder_nan.safetensors"), broken, model.arch(), meta, dtype="F16")


if __name__ == "__main__":
    main()
