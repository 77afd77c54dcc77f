"""The networks the pipeline trains, and the `ganvas.arch` list of the generator.

Generator (DCGAN-style, what the Swift engine runs): z [latent_dim] -> reshape [latent_dim, 1, 1]
-> convT(latent_dim, 8ngf, 4, 1, 0) -> BN -> ReLU -> convT(8ngf, 4ngf, 4, 2, 1) -> BN -> ReLU
-> convT(4ngf, 2ngf) -> BN -> ReLU -> convT(2ngf, ngf) -> BN -> ReLU -> convT(ngf, 3, 4, 2, 1) -> tanh,
giving [3, 64, 64] in [-1, 1].  ngf=64 is about 3.8M parameters, ngf=48 2.3M, ngf=32 1.2M.

SLE generator (`--arch sle`, what the shipped styles use): the same trunk, plus FastGAN's
skip-layer excitation (Liu et al. 2021): the 4x4 features gate the 16x16 ones channel by channel,
and the 8x8 features (pooled to 4x4) the 32x32 ones.  Each gate is pool -> conv 4x4 (valid) -> SiLU
-> conv 1x1 -> sigmoid, a [C, 1, 1] vector multiplied into the big map.  Gates start near 1 (last
bias +4), so a trunk warm-started from a DCGAN model file begins as that model.  The gates add
about 0.33 M parameters at ngf 32 and almost no work (they run on 4x4 maps).  Exported as a graph
(`inputs` fields, models/README.md).  `--arch sle_res` adds a residual 3x3 convolution at 8, 16 and 32
px (ResidualSLEGenerator, below); it exports with the same ops and `add`.  Any of them can carry
a MixturePrior (`--clusters K`): the cluster of z picks a mean added to it, in the graph too.

Every generator's 2x layers are free transposed convolutions or, with `--upsample nearest`, nearest
upsampling + 3x3 convolutions exported as the transposed convolutions they equal (upsampling.py).

Discriminator: the mirror image with strided convolutions, spectral norm on every layer, leaky
ReLU 0.2 and no normalisation layers; it returns one logit per picture (with `clusters`, a
projection on the picture's cluster is added).
"""
import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

from ganvas_tools.upsampling import upsampling

RESOLUTION = 64


class MixturePrior(nn.Module):
    """The latent prior of a cluster-conditioned generator (`train.py --clusters K`): z's cluster is
    the sector its last two coordinates point into (each as wide as the cluster's share of the
    training pictures), and the generator's input is z + means[cluster] (`sector_prior.py`: the
    formula, and the same as the first layers of the exported graph).  Memberships are 0 or 1
    except in a thin band at each boundary, where two neighbours share."""

    def __init__(self, clusters, latent_dim, weights=None):
        super().__init__()
        self.means = nn.Parameter(torch.randn(clusters, latent_dim))
        self.register_buffer("weights", torch.full((clusters,), 1.0 / clusters) if weights is None else weights.float())
        self.register_buffer("strength", torch.ones(()))  # ramped up from 0 by --cluster-ramp

    def effective_means(self):
        return self.strength * self.means

    def memberships(self, z):
        from ganvas_tools.sector_prior import memberships
        return memberships(z.float(), self.weights)

    def clusters_of(self, z):
        """Each latent's cluster (the sector its last two coordinates point into)."""
        return self.memberships(z).argmax(1)

    def forward(self, z):
        return z + (self.memberships(z) @ self.effective_means().float()).to(z.dtype)


class Generator(nn.Module):
    def __init__(self, latent_dim=128, ngf=64, upsample="transposed"):
        super().__init__()
        self.latent_dim, self.ngf = latent_dim, ngf
        self.prior = None
        widths = [latent_dim, 8 * ngf, 4 * ngf, 2 * ngf, ngf]
        layers = [nn.ConvTranspose2d(latent_dim, 8 * ngf, 4, 1, 0, bias=False)]
        for i in range(4):
            if i:
                layers.append(upsampling(widths[i], widths[i + 1], upsample))
            layers += [nn.BatchNorm2d(widths[i + 1]), nn.ReLU(inplace=True)]
        layers += [upsampling(ngf, 3, upsample, bias=True), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        """Pictures of z ~ N(0, I), through the mixture prior where there is one."""
        return self.trunk(z if self.prior is None else self.prior(z))

    def trunk(self, z):
        """The network after the prior."""
        return self.net(z.view(z.shape[0], self.latent_dim, 1, 1))

    def attach_prior(self, clusters, weights=None):
        self.prior = MixturePrior(clusters, self.latent_dim, weights)
        return self


class SkipExcitation(nn.Module):
    """FastGAN's SLE gate: small feature map [Cs, s, s] -> channel weights [Cb, 1, 1] in (0, 1)."""

    def __init__(self, small_channels, big_channels, pool=1):
        super().__init__()
        self.pool = pool
        self.conv = nn.Conv2d(small_channels, big_channels, 4, 1, 0)
        self.act = nn.SiLU()
        self.out = nn.Conv2d(big_channels, big_channels, 1, 1, 0)
        with torch.no_grad():
            self.out.weight.mul_(0.1)
            self.out.bias.fill_(4.0)  # sigmoid(4) = 0.98: starts close to "no gating"

    def forward(self, small):
        if self.pool > 1:
            small = nn.functional.avg_pool2d(small, self.pool, self.pool)
        return torch.sigmoid(self.out(self.act(self.conv(small))))


class SLEGenerator(Generator):
    """The DCGAN trunk (same state_dict names under `net.`) with two skip-layer excitations."""

    def __init__(self, latent_dim=128, ngf=64, upsample="transposed"):
        super().__init__(latent_dim, ngf, upsample)
        self.sle16 = SkipExcitation(8 * ngf, 2 * ngf)        # 4x4 gates 16x16
        self.sle32 = SkipExcitation(4 * ngf, ngf, pool=2)    # 8x8 (pooled to 4x4) gates 32x32

    def trunk(self, z):
        net = self.net
        h4 = net[0:3](z.view(z.shape[0], self.latent_dim, 1, 1))
        h8 = self._refined(8, net[3:6](h4))
        h16 = self._refined(16, net[6:9](h8)) * self.sle16(h4)
        h32 = self._refined(32, net[9:12](h16)) * self.sle32(h8)
        return net[12:14](h32)

    def refinement(self, side):
        """The residual branch at `side` px (ResidualSLEGenerator), None for the plain generator."""
        return None

    def _refined(self, side, h):
        branch = self.refinement(side)
        return h if branch is None else h + branch(h)


class ResidualSLEGenerator(SLEGenerator):
    """`--arch sle_res`: the SLE generator with a residual 3x3 convolution (+ BN + ReLU) at 8, 16
    and 32 px, after each transposed convolution and before its gate, in the spirit of FastGAN's
    convolution per resolution (Liu et al. 2021): the transposed convolutions upsample, the extra
    layers give each resolution room to shape what it drew.  Each branch's BN scale starts at zero,
    so training begins from the plain SLE generator (the same layers without a shortcut collapsed to
    a few modes within 4,000 steps).  About twice the trunk's work."""

    def __init__(self, latent_dim=128, ngf=64, upsample="transposed"):
        super().__init__(latent_dim, ngf, upsample)
        self.refine8 = _refinement(4 * ngf)
        self.refine16 = _refinement(2 * ngf)
        self.refine32 = _refinement(ngf)

    def refinement(self, side):
        return getattr(self, f"refine{side}")


def _refinement(channels):
    branch = nn.Sequential(nn.Conv2d(channels, channels, 3, 1, 1, bias=False), nn.BatchNorm2d(channels),
                           nn.ReLU())
    nn.init.zeros_(branch[1].weight)
    return branch


ARCHS = {"dcgan": Generator, "sle": SLEGenerator, "sle_res": ResidualSLEGenerator}


def make_generator(arch, latent_dim, ngf, clusters=0, upsample="transposed"):
    g = ARCHS[arch](latent_dim, ngf, upsample)
    return g.attach_prior(clusters) if clusters else g


def generator_of(cfg):
    """The G a run's config (train_config.with_defaults) describes: train.py, export.py and
    grad_precision.py all build it here, so a new generator setting is read in one place."""
    return make_generator(cfg["arch"], cfg["latent_dim"], cfg["ngf"], cfg["clusters"], cfg["upsample"])


class Discriminator(nn.Module):
    """`spectral=False` drops spectral norm (for losses regularised by gradient penalties, R3GAN).
    `decoder=True` adds FastGAN's self-supervised decoder: `forward(x, reconstruct=True)` also
    returns a 32x32 picture rebuilt from D's 8x8 features, which D learns to match to its real
    input, so D must keep what the picture looks like and not only what tells real from fake.
    `clusters=K` makes it a projection discriminator (Miyato & Koyama 2018) on K cluster labels:
    the logit gains <embed(label), sum of D's 4x4 features>, so D judges a picture against its
    own cluster.
    `mbstd=G > 1` adds ProGAN's minibatch standard deviation (Karras et al. 2018) before the last
    layer: one more 4x4 channel holding how much each group of G consecutive pictures differs, so
    D can tell a batch of near-copies from a varied one of real pictures."""

    def __init__(self, ndf=64, spectral=True, decoder=False, clusters=0, mbstd=0):
        super().__init__()
        self.ndf, self.mbstd = ndf, mbstd
        norm = spectral_norm if spectral else (lambda m: m)
        widths = [3, ndf, 2 * ndf, 4 * ndf, 8 * ndf]
        layers = []
        for i in range(4):
            layers += [norm(nn.Conv2d(widths[i], widths[i + 1], 4, 2, 1)), nn.LeakyReLU(0.2, inplace=True)]
        layers += [norm(nn.Conv2d(8 * ndf + (1 if mbstd > 1 else 0), 1, 4, 1, 0))]
        self.net = nn.Sequential(*layers)
        self.decoder = SimpleDecoder(4 * ndf) if decoder else None
        self.embed = norm(nn.Embedding(clusters, 8 * ndf)) if clusters else None
        if clusters:
            self.register_buffer("embed_strength", torch.ones(()))  # ramped up from 0 by --cluster-ramp

    def features(self, x):
        """D's 8x8 features of x [N, 4ndf, 8, 8]: what it has made of each picture before judging
        it, a distance between kinds rather than pixels (`--mode-seeking-space features`)."""
        return self.net[0:6](x)

    def forward(self, x, reconstruct=0, labels=None):
        """Logits for x (labels: x's clusters, for a conditional D); with `reconstruct` = k > 0 also
        the decoder's pictures of x[:k]."""
        h8 = self.features(x)
        h4 = self.net[6:8](h8)  # [N, 8ndf, 4, 4]
        logits = self.net[8](_with_batch_spread(h4, self.mbstd)).view(x.shape[0])
        if self.embed is not None:
            logits = logits + self.embed_strength * (self.embed(labels) * h4.sum((2, 3))).sum(1)
        if reconstruct:
            return logits, self.decoder(h8[:reconstruct])
        return logits


def _with_batch_spread(h, group):
    """h [N, C, H, W] with one more channel: the standard deviation over each group of `group`
    consecutive pictures (callers keep reals and fakes in separate groups: train.py puts all reals
    first and batches are multiples of the group), averaged over channels and pixels, per group.
    A batch not divisible by `group` uses the largest group that divides it."""
    if group <= 1:
        return h
    n, c, height, width = h.shape
    g = max(d for d in range(1, min(group, n) + 1) if n % d == 0)
    groups = h.float().reshape(n // g, g, c, height, width)
    spread = (groups.var(1, unbiased=False) + 1e-8).sqrt().mean((1, 2, 3))  # [n // g]; 1e-4 when g is 1
    spread = spread.repeat_interleave(g).view(n, 1, 1, 1).expand(n, 1, height, width).to(h.dtype)
    return torch.cat([h, spread], 1)


def discriminator_of(cfg, device="cpu"):
    """The D a run's config describes: the small DCGAN-style one, Projected GAN's, or both side by
    side (`--disc`)."""
    D = Discriminator(cfg["ndf"], spectral=cfg["loss"] == "hinge", decoder=cfg["decoder"] > 0,
                      clusters=cfg["clusters"] if cfg.get("cluster_mode") == "data" else 0, mbstd=cfg["mbstd"]).to(device)
    if cfg["disc"] == "dcgan":
        return D
    from ganvas_tools.projected import EnsembleDiscriminator, ProjectedDiscriminator
    projected = ProjectedDiscriminator(RESOLUTION, cfg["projected_size"]).to(device)
    return projected if cfg["disc"] == "projected" else EnsembleDiscriminator(D, projected)


class SimpleDecoder(nn.Module):
    """FastGAN's (Liu et al. 2021) decoder on D's features: 8x8 -> 32x32 RGB in [-1, 1]."""

    def __init__(self, channels):
        super().__init__()
        mid = max(channels // 4, 16)  # light: the decoder is not to cost more than D itself
        self.net = nn.Sequential(
            nn.Upsample(scale_factor=2), nn.Conv2d(channels, mid, 3, 1, 1), nn.LeakyReLU(0.2, inplace=True),
            nn.Upsample(scale_factor=2), nn.Conv2d(mid, mid // 2, 3, 1, 1), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(mid // 2, 3, 3, 1, 1), nn.Tanh())

    def forward(self, h8):
        return self.net(h8)


def generator_arch(generator, prefix="net"):
    """The `ganvas.arch` list (models/README.md) for `generator`, with tensor names as in its
    state_dict.  Returns (arch, names): names lists the state_dict tensors the arch uses, in order."""
    if isinstance(generator, SLEGenerator):
        return sle_generator_arch(generator)
    arch = [{"op": "reshape", "shape": [generator.latent_dim, 1, 1]}]
    names = []
    _append_sequential(arch, names, getattr(generator, prefix), prefix, 0, len(getattr(generator, prefix)))
    return arch, names


def _gate_arch(arch, names, gate, prefix, source, pooled):
    """Appends an SLE gate reading layer `source`; returns the name of its [C, 1, 1] output."""
    first = {"op": "avg_pool", "kernel": gate.pool, "inputs": [source]} if gate.pool > 1 else None
    if first:
        arch.append(first)
    conv = {"op": "conv2d", "weight": prefix + ".conv.weight", "bias": prefix + ".conv.bias"}
    if not first:
        conv["inputs"] = [source]
    arch += [conv, {"op": "silu"},
             {"op": "conv2d", "weight": prefix + ".out.weight", "bias": prefix + ".out.bias"},
             {"op": "sigmoid", "name": pooled}]
    names += [prefix + ".conv.weight", prefix + ".conv.bias", prefix + ".out.weight", prefix + ".out.bias"]
    return pooled


def sle_generator_arch(g):
    """The SLE generator as a graph: trunk layers in order (with ResidualSLEGenerator's refinements
    after their transposed convolutions), each gate computed just before the layer it multiplies
    into."""
    arch = [{"op": "reshape", "shape": [g.latent_dim, 1, 1]}]
    names = []

    def trunk(start, end, side, name):
        _append_sequential(arch, names, g.net, "net", start, end)
        branch = g.refinement(side) if side else None
        if branch is not None:
            arch[-1]["name"] = name + "_in"
            _append_sequential(arch, names, branch, f"refine{side}", 0, len(branch))
            arch[-1]["name"] = name + "_branch"
            arch.append({"op": "add", "inputs": [name + "_in", name + "_branch"]})
        arch[-1]["name"] = name

    trunk(0, 3, None, "h4")
    trunk(3, 6, 8, "h8")
    trunk(6, 9, 16, "h16_raw")
    _gate_arch(arch, names, g.sle16, "sle16", "h4", "gate16")
    arch.append({"op": "mul", "inputs": ["h16_raw", "gate16"]})
    trunk(9, 12, 32, "h32_raw")
    _gate_arch(arch, names, g.sle32, "sle32", "h8", "gate32")
    arch.append({"op": "mul", "inputs": ["h32_raw", "gate32"]})
    _append_sequential(arch, names, g.net, "net", 12, 14)
    return arch, names


def _append_sequential(arch, names, seq, prefix, start, end):
    for i in range(start, end):
        m = seq[i]
        p = f"{prefix}.{i}."
        if isinstance(m, nn.ConvTranspose2d):
            layer = _convolution("conv_transpose2d", m, p, names)
            layer["output_padding"] = m.output_padding[0]
        elif isinstance(m, nn.Conv2d):
            layer = _convolution("conv2d", m, p, names)
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


def run_arch(arch, tensors, z):
    """Runs a `ganvas.arch` list with torch.nn.functional (float32, batch of z [N, latent_dim]);
    an independent check that the arch list says what the module does."""
    from ganvas_tools.torch_arch import forward
    return forward(arch, tensors, z)


def count_params(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def _convolution(op, m, p, names):
    """The arch layer of a square, ungrouped convolution `m` whose state_dict prefix is `p`."""
    assert m.stride[0] == m.stride[1] and m.padding[0] == m.padding[1] and m.groups == 1 and m.dilation == (1, 1)
    layer = {"op": op, "weight": p + "weight", "stride": m.stride[0], "padding": m.padding[0]}
    names.append(p + "weight")
    if m.bias is not None:
        layer["bias"] = p + "bias"
        names.append(p + "bias")
    return layer


if __name__ == "__main__":
    for arch in ARCHS:
        for ngf in (32, 48, 64):
            g, d = make_generator(arch, 128, ngf), Discriminator(ngf)
            print(f"{arch} ngf=ndf={ngf}: G {count_params(g):,} params, D {count_params(d):,} params")

