"""A style's encoder (picture -> latent, models/README.md "Encoders") and what training and
checking it need: the style's generator from its model file, differentiable in z; the prior that
keeps |z|^2/d near 1; the RMS error in bytes."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from ganvas_tools.modelfile import read_model
from ganvas_tools.torch_arch import MULTI_INPUT_OPS, apply_graph_op, apply_layer


class Encoder(nn.Module):
    def __init__(self, latent_dim, resolution=64, channels=32):
        super().__init__()
        widths = [3, channels, 2 * channels, 4 * channels, 4 * channels]
        self.convs = nn.ModuleList(nn.Conv2d(widths[i], widths[i + 1], 4, 2, 1) for i in range(4))
        self.side = resolution // 16
        self.flat = widths[-1] * self.side * self.side
        self.head = nn.Linear(self.flat, latent_dim)

    def forward(self, x):
        for conv in self.convs:
            x = F.leaky_relu(conv(x), 0.2)
        return self.head(x.flatten(1))

    def arch(self):
        """The `ganvas.arch` list of this module (models/README.md), tensor names as in state_dict."""
        arch = []
        for i in range(len(self.convs)):
            arch += [{"op": "conv2d", "weight": f"convs.{i}.weight", "bias": f"convs.{i}.bias", "stride": 2, "padding": 1},
                     {"op": "leaky_relu", "slope": 0.2}]
        arch += [{"op": "reshape", "shape": [self.flat]}, {"op": "linear", "weight": "head.weight", "bias": "head.bias"}]
        return arch


class FrozenGenerator:
    """The style's generator from its model file, differentiable with respect to z."""

    def __init__(self, path):
        tensors, self.arch, self.meta = read_model(path)
        self.tensors = {k: torch.from_numpy(v) for k, v in tensors.items()}
        self.latent_dim = int(self.meta["ganvas.latent_dim"])
        self.resolution = int(self.meta["ganvas.resolution"])

    def __call__(self, z):
        x, named = z, {"input": z}
        for layer in self.arch:
            inputs = [named[n] for n in layer.get("inputs", [])] or [x]
            x = apply_graph_op(layer, inputs) if layer["op"] in MULTI_INPUT_OPS else apply_layer(layer, self.tensors, inputs[0])
            if "name" in layer:
                named[layer["name"]] = x
        return x


def on_shell(z):
    """z scaled to |z| = √d, where N(0, I)'s samples (the generator's training latents) lie: what
    the app does to the guess of an encoder whose card has `ganvas.latent_norm` = "shell"."""
    return z * (z.shape[1] ** 0.5) / z.norm(dim=1, keepdim=True).clamp_min(1e-6)


def guess_on_shell(meta):
    """Whether an encoder's card asks for its guesses to be put on the shell."""
    return meta.get("ganvas.latent_norm") == "shell"


def prior_loss(z):
    return ((z.pow(2).mean(dim=1) - 1) ** 2).mean()


def rms_bytes(a, b):
    """Per-picture RMS error on 0-255 of two [-1, 1] batches, as bytes."""
    pa = torch.clamp(torch.floor((a + 1) * 127.5 + 0.5), 0, 255)
    pb = torch.clamp(torch.floor((b + 1) * 127.5 + 0.5), 0, 255)
    return ((pa - pb) ** 2).mean(dim=(1, 2, 3)).sqrt()
