"""A style's learned upscaler (models/README.md "Upscalers"): a few convolutions that add detail
to a bilinear enlargement, and its `ganvas.arch` graph."""
import torch.nn as nn
import torch.nn.functional as F


class Upscaler(nn.Module):
    def __init__(self, scale, channels=32, blocks=3):
        super().__init__()
        self.scale = scale
        layers = [nn.Conv2d(3, channels, 3, padding=1)]
        layers += [nn.Conv2d(channels, channels, 3, padding=1) for _ in range(blocks)]
        self.body = nn.ModuleList(layers)
        self.tail = nn.Conv2d(channels, 3 * scale * scale, 3, padding=1)
        # Starts as (almost) plain bilinear. Not exactly zero: the body needs a gradient from the
        # first step, or its ReLUs can die before the tail learns to use them (the icons run did).
        nn.init.normal_(self.tail.weight, std=1e-3)
        nn.init.zeros_(self.tail.bias)

    def forward(self, x):
        h = x
        for conv in self.body:
            h = F.relu(conv(h))
        detail = F.pixel_shuffle(self.tail(h), self.scale)
        return detail + F.interpolate(x, scale_factor=self.scale, mode="bilinear", align_corners=False)

    def arch(self):
        """The `ganvas.arch` graph of this module (models/README.md), tensor names as in state_dict."""
        arch = []
        for i in range(len(self.body)):
            arch += [{"op": "conv2d", "weight": f"body.{i}.weight", "bias": f"body.{i}.bias", "padding": 1}, {"op": "relu"}]
        arch += [{"op": "conv2d", "weight": "tail.weight", "bias": "tail.bias", "padding": 1},
                 {"op": "pixel_shuffle", "factor": self.scale, "name": "detail"},
                 {"op": "upsample", "mode": "bilinear", "scale": self.scale, "inputs": ["input"], "name": "base"},
                 {"op": "add", "inputs": ["detail", "base"]}]
        return arch
