#!/usr/bin/env python3
"""Trains a style's encoder: a small convolutional network that maps a picture to the latent z
the style's generator would draw it from (picture -> z), and exports it as a Ganvas model file.

    python3 tools/train_encoder.py STYLE.safetensors REAL_DIR OUT.safetensors --minutes 12 \\
        [--foreign OTHER_DIR ...] --dataset "..." --license "..."

The generator is frozen (its shipped F16 weights, run by `ganvas_tools.torch_arch` semantics with
gradients). Each step trains on two batches:
  * the generator's own pictures G(z), z ~ N(0, I): latent loss |E(G(z)) - z|² plus pixel loss;
  * real pictures (REAL_DIR minus the held-out every 20th file; a quarter from `--foreign` folders,
    so pictures from outside the style still land somewhere sensible, and `--synthetic` a share of
    procedural ones: gradients, shapes, smooth colour noise), some squeezed to another aspect and
    padded with the style's background as the app pads such pictures: pixel loss only.
Pixel loss is MSE at 64 px plus MSE of 4x4 means (the shapes a search starts from), through G.
A prior term keeps |z|²/d near 1, the generator's typical set, so the app's refinement starts there.
With `--shell` (the default) the guess is put on that set outright: the network's output is
scaled to |z| = √d (in training here, and by the app, told by the card's `ganvas.latent_norm` =
"shell", whose search then keeps every latent there). Trained without it (`--no-shell`, the
encoders before 2026-12-06), an encoder hedges towards z = 0 (|z|/√d 0.1–0.8), where a generator
may draw what no seed shows (the fast-mode icons generator: a lattice of orange dots).

Network: four 4x4 stride-2 convolutions (3 -> C -> 2C -> 4C -> 4C, leaky ReLU 0.2), flatten, linear
to latent_dim. C = 32 is about 0.69 M parameters, 1.4 MB as F16.

The card records held-out RMS (0-255) of G(E(x)) against x, beside the best of 256 random seeds,
and `ganvas.background`, the median border colour of the real pictures, on which the app pads
pictures of another shape. OUT.png shows held-out pictures: target, G(E(x)).
"""
import argparse
import glob
import os
import platform
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from ganvas_tools.modelfile import read_model, write_model  # noqa: E402
from ganvas_tools.run_record import card_entry  # noqa: E402
from ganvas_tools.encoder_net import Encoder, FrozenGenerator, on_shell, prior_loss, rms_bytes  # noqa: E402
from ganvas_tools.torch_arch import forward as run_arch  # noqa: E402


def read_folder(folder, side, held_out, limit, rng):
    """uint8 [N, side, side, 3]: the held-out every 20th file (sorted), or the others."""
    files = sorted(glob.glob(os.path.join(folder, "*.png")))
    if not files:
        sys.exit(f"no PNGs in {folder}")
    chosen = files[::20] if held_out else [f for i, f in enumerate(files) if i % 20 != 0]
    if len(chosen) > limit:
        chosen = [chosen[i] for i in sorted(rng.choice(len(chosen), limit, replace=False))]
    out = np.zeros((len(chosen), side, side, 3), np.uint8)
    for i, p in enumerate(chosen):
        im = Image.open(p).convert("RGB")
        if im.size != (side, side):
            im = im.resize((side, side), Image.LANCZOS)
        out[i] = np.asarray(im)
    return out


def to_unit(pixels):
    return torch.from_numpy(np.ascontiguousarray(pixels)).permute(0, 3, 1, 2).float() / 127.5 - 1


def synthetic_pictures(count, side, rng):
    """Procedural pictures from outside any style: linear or radial gradients between random
    colours, a few random rectangles and ellipses on a random ground, or smooth colour noise."""
    out = np.zeros((count, side, side, 3), np.float32)
    yy, xx = np.mgrid[0:side, 0:side] / (side - 1)
    for i in range(count):
        kind = rng.integers(0, 3)
        a, b = rng.random(3), rng.random(3)
        if kind == 0:
            if rng.random() < 0.5:
                angle = rng.random() * 2 * np.pi
                t = (np.cos(angle) * (xx - 0.5) + np.sin(angle) * (yy - 0.5)) + 0.5
            else:
                t = np.sqrt((xx - rng.random()) ** 2 + (yy - rng.random()) ** 2) * (1 + rng.random())
            t = np.clip(t, 0, 1)[..., None]
            out[i] = a * (1 - t) + b * t
        elif kind == 1:
            out[i] = a
            for _ in range(rng.integers(1, 6)):
                cx, cy, rx, ry = rng.random(), rng.random(), 0.05 + 0.4 * rng.random(), 0.05 + 0.4 * rng.random()
                inside = (((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1) if rng.random() < 0.5 else \
                    ((np.abs(xx - cx) <= rx) & (np.abs(yy - cy) <= ry))
                out[i][inside] = rng.random(3)
        else:
            grid = rng.integers(2, 9)
            coarse = torch.from_numpy(rng.random((1, 3, grid, grid)).astype(np.float32))
            out[i] = F.interpolate(coarse, size=(side, side), mode="bicubic", align_corners=True)[0].permute(1, 2, 0).clamp(0, 1).numpy()
    return (out * 255).round().astype(np.uint8)


def squeeze_and_pad(pictures, background, rng, share=0.3):
    """Some pictures resized to a random aspect and centred on the background, as PictureFit does."""
    out = pictures.copy()
    side = pictures.shape[1]
    for i in range(len(out)):
        if rng.random() >= share:
            continue
        short = int(rng.integers(side // 3, side))
        w, h = (side, short) if rng.random() < 0.5 else (short, side)
        small = np.asarray(Image.fromarray(pictures[i]).resize((w, h), Image.BICUBIC))
        out[i] = background
        top, left = (side - h) // 2, (side - w) // 2
        out[i, top:top + h, left:left + w] = small
    return out


def pixel_loss(fake, real):
    return F.mse_loss(fake, real) + F.mse_loss(F.avg_pool2d(fake, 16), F.avg_pool2d(real, 16))


@torch.no_grad()
def evaluate(guess, generator, held, random_count=256):
    x = to_unit(held)
    fitted = torch.cat([generator(guess(x[i:i + 64])) for i in range(0, len(x), 64)])
    encoded = rms_bytes(fitted, x)
    gen = torch.Generator().manual_seed(0)
    pool = torch.cat([generator(torch.randn(64, generator.latent_dim, generator=gen)) for _ in range(random_count // 64)])
    best = torch.stack([rms_bytes(pool, x[i:i + 1].expand_as(pool)).min() for i in range(len(x))])
    return float(encoded.mean()), float(best.mean()), fitted


def border_colour(pictures):
    """Median colour of the outermost pixel ring, '#rrggbb'."""
    ring = np.concatenate([pictures[:, 0], pictures[:, -1], pictures[:, :, 0], pictures[:, :, -1]]).reshape(-1, 3)
    r, g, b = (int(v) for v in np.median(ring, axis=0))
    return f"#{r:02x}{g:02x}{b:02x}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("style", help="the style's generator, STYLE.safetensors")
    ap.add_argument("real_dir")
    ap.add_argument("out", help="OUT.safetensors (OUT.png is written beside it)")
    ap.add_argument("--foreign", nargs="*", default=[], help="folders of pictures from outside the style")
    ap.add_argument("--synthetic", type=float, default=0.0, help="share of the real batch that is procedural pictures")
    ap.add_argument("--init-from", default=None, help="start from this encoder's model file (fine-tuning)")
    ap.add_argument("--init-steps", help="how many steps that encoder had (for the card; default: its card's)")
    ap.add_argument("--channels", type=int, default=32)
    ap.add_argument("--minutes", type=float, default=12)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--limit", type=int, default=4000, help="at most this many real pictures in memory")
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--prior", type=float, default=0.05, help="weight of the |z|²/d ≈ 1 term")
    ap.add_argument("--shell", action=argparse.BooleanOptionalAction, default=True,
                    help="guesses scaled onto |z| = √d (see above; default), or --no-shell for the free guesses "
                         "of the encoders before 2026-12-06")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--license", required=True, help="the training data's licence")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    generator = FrozenGenerator(args.style)
    side, d = generator.resolution, generator.latent_dim
    style_name = generator.meta["ganvas.name"]
    real = read_folder(args.real_dir, side, False, args.limit, rng)
    held = read_folder(args.real_dir, side, True, 10 ** 9, rng)[:128]
    foreign = [read_folder(f, side, False, args.limit // 4, rng) for f in args.foreign]
    foreign = np.concatenate(foreign) if foreign else real
    print(f"{style_name}: {len(real)} real, {len(foreign)} foreign, {len(held)} held out", flush=True)

    encoder = Encoder(d, side, args.channels)
    guess = (lambda x: on_shell(encoder(x))) if args.shell else encoder
    if args.init_from:
        tensors, _, init_meta = read_model(args.init_from)
        encoder.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()})
        args.init_steps = args.init_steps or init_meta.get("ganvas.steps", "?")
    background = np.array([int(border_colour(real)[i:i + 2], 16) for i in (1, 3, 5)], np.uint8)
    params = sum(p.numel() for p in encoder.parameters())
    opt = torch.optim.Adam(encoder.parameters(), lr=args.lr, betas=(0.9, 0.99))
    half = args.batch // 2
    start, step, budget = time.time(), 0, args.minutes * 60
    while time.time() - start < budget:
        progress = (time.time() - start) / budget
        for group in opt.param_groups:
            group["lr"] = args.lr * 0.5 * (1 + np.cos(np.pi * min(progress, 1)))
        z = torch.randn(half, d)
        with torch.no_grad():
            own = generator(z)
        made = int(round(half * args.synthetic))
        picks = [real[i] for i in rng.integers(0, len(real), half - half // 4 - made)]
        picks += [foreign[i] for i in rng.integers(0, len(foreign), half // 4)]
        batch = np.stack(picks)
        if made:
            batch = np.concatenate([batch, synthetic_pictures(made, side, rng)])
        batch = squeeze_and_pad(batch, background, rng) if args.synthetic else batch
        if rng.random() < 0.5:
            batch = batch[:, :, ::-1]
        shown = to_unit(batch)
        z_own, z_real = guess(own), guess(shown)
        latent = F.mse_loss(z_own, z)
        pixels = pixel_loss(generator(torch.cat([z_own, z_real])), torch.cat([own, shown]))
        prior = prior_loss(torch.cat([z_own, z_real]))
        loss = latent + 4 * pixels + (0 if args.shell else args.prior) * prior
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 200 == 0:
            print(f"step {step}  {time.time() - start:.0f} s  latent {latent.item():.3f}  pixels {pixels.item():.4f}  "
                  f"prior {prior.item():.3f}", flush=True)
    encoder.eval()
    encoded, best_random, fitted = evaluate(guess, generator, held)
    print(f"held-out RMS (0-255): encoder {encoded:.1f}, best of 256 random seeds {best_random:.1f}, {step} steps", flush=True)

    tensors = {k: v.detach().numpy() for k, v in encoder.state_dict().items()}
    quality = {"rms": round(encoded, 2), "best_of_256_random_rms": round(best_random, 2), "heldout": len(held)}
    hardware = f"{platform.processor() or platform.machine()}, {args.threads} thread(s)"
    meta = {"kind": "encoder", "name": style_name, "resolution": str(side), "latent_dim": str(d),
            "background": border_colour(real),
            "description": f"encoder (picture -> latent) for the {style_name} style ({params:,} parameters)",
            "dataset": args.dataset, "license": args.license, "steps": str(step),
            "training": f"{(time.time() - start) / 60:.0f} min on {hardware}, batch {half}+{half}, "
                        f"latent MSE + pixel MSE through the frozen generator, "
                        + ("guesses on the shell |z| = √d" if args.shell else f"prior {args.prior}")
                        + (f", {args.synthetic:.0%} procedural pictures, some squeezed and padded" if args.synthetic else "")
                        + (f"; fine-tuned from an encoder of {args.init_steps} steps" if args.init_from else ""),
            "quality": quality}
    if args.shell:
        meta["latent_norm"] = "shell"
    meta["run"] = card_entry(vars(args))
    write_model(args.out, tensors, encoder.arch(), meta)
    tensors16, arch, _ = read_model(args.out)
    x = to_unit(held[:8])
    with torch.no_grad():
        print(f"exported: max |file - module| {float((run_arch(arch, tensors16, x) - encoder(x)).abs().max()):.2e} (F16 rounding)")
    grid = torch.cat([torch.cat([to_unit(held[i:i + 1])[0], fitted[i]], dim=2) for i in range(min(8, len(held)))], dim=1)
    pixels = torch.clamp(torch.floor((grid + 1) * 127.5 + 0.5), 0, 255).byte().permute(1, 2, 0).numpy()
    Image.fromarray(pixels).save(os.path.splitext(args.out)[0] + ".png")


if __name__ == "__main__":
    main()
