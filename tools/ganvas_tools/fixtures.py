"""The Swift tests' PyTorch reference fixtures (Tests/NeuralTests/Fixtures): where they go and
how a network's parity fixture is written."""
import os

import torch

from ganvas_tools.modelfile import read_model, write_model, write_safetensors
from ganvas_tools.torch_arch import forward

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "NeuralTests", "Fixtures")


def write_network_fixture(name, module, meta, input_shape):
    """A companion network's parity fixture: `module` with random weights (std 0.3 everywhere) as
    FIXTURES/NAME.safetensors (F16, `module.arch()`), and NAME_expected.safetensors holding a
    random `input` in [-1, 1] and the reference interpreter's `output` on the file's weights.
    Returns the file's path and the output."""
    for p in module.parameters():
        torch.nn.init.normal_(p, std=0.3)
    path = os.path.join(FIXTURES, name + ".safetensors")
    write_model(path, {k: v.detach().numpy() for k, v in module.state_dict().items()}, module.arch(), meta, dtype="F16")
    tensors, arch, _ = read_model(path)
    x = torch.rand(*input_shape) * 2 - 1
    out = forward(arch, tensors, x)
    write_f32_safetensors(os.path.join(FIXTURES, name + "_expected.safetensors"), {"input": x.numpy(), "output": out.numpy()}, {})
    print(f"wrote {path} and {name}_expected.safetensors; output {list(out.shape)}")
    return path, out


def write_f32_safetensors(path, tensors, metadata):
    """Plain safetensors, F32, with metadata keys as given (write_model would prefix them "ganvas."),
    sorted by key."""
    write_safetensors(path, tensors, dict(sorted(metadata.items())), "F32")
