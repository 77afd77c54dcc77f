"""The losses of one training step (tools/train.py): hinge or R3GAN's relativistic pairing loss, the
zero-centred gradient penalties, LeCam, FastGAN's reconstruction through D's decoder, and
MSGAN's mode-seeking term.
Logits are taken in fp32 whatever precision the forward passes ran in."""
import torch
import torch.nn.functional as F

from ganvas_tools.diffaugment import diff_augment


def relativistic_losses(d_real, d_fake):
    """R3GAN's relativistic pairing loss (Huang et al. 2024): each fake is scored against a real."""
    diff = d_real.float() - d_fake.float()
    return F.softplus(-diff).mean(), F.softplus(diff).mean()


def gradient_penalty(logits, inputs):
    """Zero-centred gradient penalty: E |grad_x D(x)|^2 (R1 on reals, R2 on fakes)."""
    (grad,) = torch.autograd.grad(logits.float().sum(), inputs, create_graph=True)
    return grad.float().pow(2).flatten(1).sum(1).mean()


class LeCam:
    """LeCam regulariser (Tseng et al. 2021): D's outputs on reals are pulled towards its running
    mean on fakes and vice versa, which bounds D on small data sets."""

    def __init__(self, decay=0.99):
        self.decay, self.real, self.fake = decay, 0.0, 0.0

    def penalty(self, d_real, d_fake):
        self.real = self.decay * self.real + (1 - self.decay) * d_real.detach().mean().item()
        self.fake = self.decay * self.fake + (1 - self.decay) * d_fake.detach().mean().item()
        return F.relu(d_real - self.fake).pow(2).mean() + F.relu(self.real - d_fake).pow(2).mean()


def mode_seeking_penalty(fake, latents, eps=1e-5):
    """MSGAN's mode-seeking term (Mao et al. 2019): the inverse of how far apart two pictures are
    per unit of distance between their latents, over the batch's two halves paired index by
    index. Small when different latents give different pictures; G minimises it, which works
    against near-copies (one template for many latents)."""
    half = fake.shape[0] // 2
    if half == 0:
        return torch.zeros((), device=fake.device)
    pictures = (fake[:half].float() - fake[half:2 * half].float()).abs().mean()
    codes = (latents[:half].float() - latents[half:2 * half].float()).abs().mean()
    return 1.0 / (pictures / codes + eps)


def conditioned(labels):
    """D's keyword arguments for pictures of these cluster labels (none for an unconditional D)."""
    return {} if labels is None else {"labels": labels}


def discriminator_loss(D, real, fake, cfg, step, r1_every, lecam, autocast_on, fmt, labels=(None, None)):
    """D's loss for one step: hinge or relativistic pairing, optional LeCam, lazy R1 (and R2 with
    r3gan) every `r1_every` steps, optional reconstruction through D's decoder.  `labels`: the
    reals' and the fakes' clusters, for a conditional D.
    Returns (loss, D's logits on reals, on fakes, the penalty or 0)."""
    n = real.shape[0]
    both_labels = None if labels[0] is None else torch.cat(labels)
    penalise = cfg["r1"] > 0 and step % r1_every == 0
    real_aug = diff_augment(real, cfg["augment"], fmt)
    fake_aug = diff_augment(fake, cfg["augment"], fmt)
    if penalise:
        real_aug = real_aug.detach().requires_grad_(True)
        fake_aug = fake_aug.detach().requires_grad_(cfg["loss"] == "r3gan")
    recon = None
    with autocast_on():
        both = torch.cat([real_aug, fake_aug])
        if cfg["decoder"] > 0:
            logits, decoded = D(both, reconstruct=n, **conditioned(both_labels))
            recon = decoded.float()
        else:
            logits = D(both, **conditioned(both_labels))
    logits = logits.float()
    d_real, d_fake = logits[:n], logits[n:]
    if cfg["loss"] == "r3gan":
        loss = relativistic_losses(d_real, d_fake)[0]
    else:
        loss = F.relu(1.0 - d_real).mean() + F.relu(1.0 + d_fake).mean()
    if lecam:
        loss = loss + cfg["lecam"] * lecam.penalty(d_real, d_fake)
    if recon is not None:
        target = F.avg_pool2d(real_aug.detach().float(), 2)
        loss = loss + cfg["decoder"] * F.mse_loss(recon, target)
    r1 = torch.zeros((), device=real.device)
    if penalise:
        r1 = gradient_penalty(d_real, real_aug)
        if cfg["loss"] == "r3gan":
            r1 = r1 + gradient_penalty(d_fake, fake_aug)
        loss = loss + 0.5 * cfg["r1"] * r1_every * r1
    return loss, d_real, d_fake, r1


def generator_loss(G, D, real, latents, cfg, autocast_on, fmt, labels=(None, None)):
    """G's loss for one step on fresh `latents`: D's mean logit on its pictures (hinge), or the
    relativistic pairing against the batch of reals (r3gan), plus the mode-seeking term when its
    weight is set.  `labels`: the reals' clusters and the latents', with a cluster-conditioned G
    and D."""
    real_labels, fake_labels = labels
    with autocast_on():
        fake = G(latents)
        g_logits = D(diff_augment(fake, cfg["augment"], fmt), **conditioned(fake_labels)).float()
    if cfg["loss"] != "r3gan":
        loss = -g_logits.mean()
    else:
        with torch.no_grad(), autocast_on():
            r_logits = D(diff_augment(real, cfg["augment"], fmt), **conditioned(real_labels)).float()
        loss = relativistic_losses(g_logits, r_logits)[0]
    if cfg["mode_seeking"] > 0:
        loss = loss + cfg["mode_seeking"] * mode_seeking_penalty(seen_apart(D, fake, cfg, autocast_on), latents)
    return loss


def seen_apart(D, fake, cfg, autocast_on):
    """What the mode-seeking term measures distances on: the pictures themselves, or D's features of
    them (un-augmented, so DiffAugment's shifts do not count as variety), divided by their mean
    magnitude: D's scale drifts as it trains, and G must not buy distance with louder features."""
    if cfg["mode_seeking_space"] == "pixels":
        return fake
    core = D.module if hasattr(D, "module") else D  # DistributedDataParallel wraps it
    with autocast_on():
        features = core.features(fake).float()
    return features / (features.abs().mean() + 1e-8)
