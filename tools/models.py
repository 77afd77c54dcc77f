"""The networks the pipeline trains, and the `ganvas.arch` list of the generator.

Generator (DCGAN-style, what the Swift engine runs): z [latent_dim] -> reshape [latent_dim, 1, 1]
-> convT(latent_dim, 8ngf, 4, 1, 0) -> BN -> ReLU -> convT(8ngf, 4ngf, 4, 2, 1) -> BN -> ReLU
-> convT(4ngf, 2ngf) -> BN -> ReLU -> convT(2ngf, ngf) -> BN -> ReLU -> convT(ngf, 3, 4, 2, 1) -> tanh,
giving [3, 64, 64] in [-1, 1].  ngf=64 is about 3.8M parameters, ngf=48 2.3M, ngf=32 1.2M.

Discriminator: the mirror image with strided convolutions, spectral norm on every layer, leaky
ReLU 0.2 and no normalisation layers; it returns one logit per picture.
"""
import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

RESOLUTION = 64


class Generator(nn.Module):
    def __init__(self, latent_dim=128, ngf=64):
        super().__init__()
        self.latent_dim, self.ngf = latent_dim, ngf
        widths = [latent_dim, 8 * ngf, 4 * ngf, 2 * ngf, ngf]
        layers = []
        for i in range(4):
            stride, padding = (1, 0) if i == 0 else (2, 1)
            layers += [nn.ConvTranspose2d(widths[i], widths[i + 1], 4, stride, padding, bias=False),
                       nn.BatchNorm2d(widths[i + 1]),
                       nn.ReLU(inplace=True)]
        layers += [nn.ConvTranspose2d(ngf, 3, 4, 2, 1, bias=True), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        return self.net(z.view(z.shape[0], self.latent_dim, 1, 1))


class Discriminator(nn.Module):
    def __init__(self, ndf=64):
        super().__init__()
        self.ndf = ndf
        widths = [3, ndf, 2 * ndf, 4 * ndf, 8 * ndf]
        layers = []
        for i in range(4):
            layers += [spectral_norm(nn.Conv2d(widths[i], widths[i + 1], 4, 2, 1)), nn.LeakyReLU(0.2, inplace=True)]
        layers += [spectral_norm(nn.Conv2d(8 * ndf, 1, 4, 1, 0))]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).view(x.shape[0])


def generator_arch(generator, prefix="net"):
    """The `ganvas.arch` list (models/README.md) for `generator`, with tensor names as in its
    state_dict.  Returns (arch, names): names lists the state_dict tensors the arch uses, in order."""
    arch = [{"op": "reshape", "shape": [generator.latent_dim, 1, 1]}]
    names = []
    for i, m in enumerate(getattr(generator, prefix)):
        p = f"{prefix}.{i}."
        if isinstance(m, nn.ConvTranspose2d):
            layer = {"op": "conv_transpose2d", "weight": p + "weight", "stride": m.stride[0],
                     "padding": m.padding[0], "output_padding": m.output_padding[0]}
            names.append(p + "weight")
            if m.bias is not None:
                layer["bias"] = p + "bias"
                names.append(p + "bias")
            assert m.stride[0] == m.stride[1] and m.padding[0] == m.padding[1] and m.groups == 1 and m.dilation == (1, 1)
        elif isinstance(m, nn.BatchNorm2d):
            layer = {"op": "batchnorm", "weight": p + "weight", "bias": p + "bias",
                     "mean": p + "running_mean", "var": p + "running_var", "eps": m.eps}
            names += [p + "weight", p + "bias", p + "running_mean", p + "running_var"]
        elif isinstance(m, nn.ReLU):
            layer = {"op": "relu"}
        elif isinstance(m, nn.Tanh):
            layer = {"op": "tanh"}
        else:
            raise TypeError(f"no ganvas op for {type(m).__name__}")
        arch.append(layer)
    return arch, names


def run_arch(arch, tensors, z):
    """Runs a `ganvas.arch` list with torch.nn.functional (float32, batch of z [N, latent_dim]);
    an independent check that the arch list says what the module does."""
    import torch.nn.functional as F
    t = {k: torch.as_tensor(v, dtype=torch.float32) for k, v in tensors.items()}
    x = torch.as_tensor(z, dtype=torch.float32)
    for L in arch:
        op = L["op"]
        if op == "reshape":
            x = x.reshape(x.shape[0], *L["shape"])
        elif op == "linear":
            x = F.linear(x, t[L["weight"]], t.get(L.get("bias")))
        elif op == "conv2d":
            x = F.conv2d(x, t[L["weight"]], t.get(L.get("bias")), L.get("stride", 1), L.get("padding", 0))
        elif op == "conv_transpose2d":
            x = F.conv_transpose2d(x, t[L["weight"]], t.get(L.get("bias")), L.get("stride", 1),
                                   L.get("padding", 0), L.get("output_padding", 0))
        elif op == "batchnorm":
            x = F.batch_norm(x, t[L["mean"]], t[L["var"]], t[L["weight"]], t[L["bias"]], False, 0.0, L.get("eps", 1e-5))
        elif op == "bias":
            x = x + t[L["bias"]].view(1, -1, *([1] * (x.dim() - 2)))
        elif op == "upsample":
            mode = L["mode"]
            x = F.interpolate(x, scale_factor=L["scale"], mode=mode, **({"align_corners": False} if mode == "bilinear" else {}))
        elif op == "relu":
            x = F.relu(x)
        elif op == "leaky_relu":
            x = F.leaky_relu(x, L.get("slope", 0.01))
        elif op == "tanh":
            x = torch.tanh(x)
        else:
            raise ValueError(f"unknown op {op}")
    return x


def count_params(module):
    return sum(p.numel() for p in module.parameters())


if __name__ == "__main__":
    for ngf in (32, 48, 64):
        g, d = Generator(128, ngf), Discriminator(ngf)
        print(f"ngf=ndf={ngf}: G {count_params(g):,} params, D {count_params(d):,} params")
