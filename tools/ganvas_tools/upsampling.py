"""G's 2x upsampling layers (`train.py --upsample`): a free 4x4 stride-2 transposed convolution, or
nearest upsampling + a 3x3 convolution trained as such and exported as the transposed convolution
it equals, so model files and the engine need nothing new."""
import copy

import torch
from torch import nn


class ResizeConvolution(nn.Module):
    """Nearest 2x upsampling then a 3x3 convolution (`--upsample nearest`; Odena et al. 2016), in
    place of a free 4x4 stride-2 transposed convolution: every output pixel of the 2x2 block sums
    the same weights, so G cannot draw the checkerboards and dot lattices a free kernel allows.  It
    is computed as the transposed convolution it equals (per axis, taps k0 k1 k2 become k2, k1+k2,
    k0+k1, k0), so `folded` turns it into a plain ConvTranspose2d: the exported graph and the
    engine do not change."""

    SPREAD = torch.tensor([[0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0]])

    def __init__(self, in_channels, out_channels, bias):
        super().__init__()
        conv = nn.Conv2d(in_channels, out_channels, 3, 1, 1, bias=bias)  # for its initialisation
        self.weight = nn.Parameter(conv.weight.detach().transpose(0, 1).contiguous())  # [in, out, 3, 3]
        self.bias = nn.Parameter(conv.bias.detach().clone()) if bias else None

    def transposed_weight(self):
        spread = self.SPREAD.to(self.weight)
        return torch.einsum("ka,ioab,lb->iokl", spread, self.weight, spread)

    def forward(self, x):
        return nn.functional.conv_transpose2d(x, self.transposed_weight().to(x.dtype),
                                              None if self.bias is None else self.bias.to(x.dtype), 2, 1)

    def folded(self):
        """The same layer as a plain 4x4 stride-2 transposed convolution."""
        weight = self.transposed_weight().detach()
        conv = nn.ConvTranspose2d(weight.shape[0], weight.shape[1], 4, 2, 1, bias=self.bias is not None)
        with torch.no_grad():
            conv.weight.copy_(weight)
            if self.bias is not None:
                conv.bias.copy_(self.bias)
        return conv


def upsampling(in_channels, out_channels, upsample, bias=False):
    """A 2x upsampling layer of G: a free transposed convolution, or a ResizeConvolution."""
    if upsample == "nearest":
        return ResizeConvolution(in_channels, out_channels, bias)
    return nn.ConvTranspose2d(in_channels, out_channels, 4, 2, 1, bias=bias)


def folded(generator):
    """A copy of `generator` with every ResizeConvolution as the transposed convolution it equals:
    what export.py writes."""
    generator = copy.deepcopy(generator)
    for i, layer in enumerate(generator.net):
        if isinstance(layer, ResizeConvolution):
            generator.net[i] = layer.folded()
    return generator
