#!/usr/bin/env python3
"""Trains a style's upscaler: a small super-resolution network (ESPCN family) that turns the
style's 64 px pictures into SCALE x larger ones, and exports it as a Ganvas model file.

    python3 tools/train_upscaler.py HR_DIR OUT.safetensors --style glyphs --scale 4 --minutes 30 \\
        --dataset "..." --license "..."

HR_DIR holds the style's real pictures at high resolution (the data-set builders write them:
`tools/datasets/glyphs.py DIR --size 256`). Low-resolution inputs are the HR pictures reduced by
area averaging, as the 64 px training data were. The network: 3x3 convolutions with ReLU
(CHANNELS wide, BLOCKS in the middle), a last 3x3 convolution to 3·SCALE² channels and a pixel
shuffle, added to a bilinear upsampling of the input (so it learns only the detail bilinear
misses). Loss: L1, Adam with gradients clipped to norm 1. A held-out 5 % of the pictures (every 20th file) is never trained on; the card
gets PSNR of the network and of bicubic on them, at the full 64 px → 64·SCALE px.

OUT.png beside the model shows held-out pictures: input (nearest), bicubic, the network, the truth.
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
from ganvas_tools.upscaler_net import Upscaler  # noqa: E402
from ganvas_tools.torch_arch import forward as run_arch  # noqa: E402


def load_pictures(folder, side, limit, seed):
    """(train, held-out) uint8 arrays [N, side, side, 3]; every 20th file (sorted) is held out."""
    files = sorted(glob.glob(os.path.join(folder, "*.png")))
    if not files:
        sys.exit(f"no PNGs in {folder}")
    held = files[::20]
    train = [f for i, f in enumerate(files) if i % 20 != 0]
    rng = np.random.default_rng(seed)
    if len(train) > limit:
        train = [train[i] for i in sorted(rng.choice(len(train), limit, replace=False))]

    def read(paths):
        out = np.zeros((len(paths), side, side, 3), np.uint8)
        for i, p in enumerate(paths):
            im = Image.open(p).convert("RGB")
            if im.size != (side, side):
                sys.exit(f"{p} is {im.size}, expected {side}x{side}")
            out[i] = np.asarray(im)
        return out
    return read(train), read(held[: max(limit // 10, 50)])


def to_unit(pixels):
    """uint8 [N, H, W, 3] -> float [N, 3, H, W] in [-1, 1] (the generators' range)."""
    return torch.from_numpy(pixels).permute(0, 3, 1, 2).float() / 127.5 - 1


def reduce(hr, scale):
    return F.avg_pool2d(hr, scale, scale)


def psnr(a, b):
    """PSNR in dB of two [-1, 1] batches, in 8-bit pixel values as Ganvas writes them."""
    pa = torch.clamp(torch.floor((a + 1) * 127.5 + 0.5), 0, 255)
    pb = torch.clamp(torch.floor((b + 1) * 127.5 + 0.5), 0, 255)
    mse = ((pa - pb) ** 2).mean(dim=(1, 2, 3)).clamp_min(1e-10)
    return float((10 * torch.log10(255.0 ** 2 / mse)).mean())


@torch.no_grad()
def evaluate(model, held, scale):
    hr = to_unit(held)
    lr = reduce(hr, scale)
    bicubic = F.interpolate(lr, scale_factor=scale, mode="bicubic", align_corners=False).clamp(-1, 1)
    out = torch.cat([model(lr[i:i + 32]) for i in range(0, len(lr), 32)]).clamp(-1, 1)
    return psnr(out, hr), psnr(bicubic, hr), (lr, bicubic, out, hr)


def save_comparison(path, views, scale, count=6):
    lr, bicubic, out, hr = views
    rows = []
    for i in range(min(count, len(hr))):
        nearest = F.interpolate(lr[i:i + 1], scale_factor=scale, mode="nearest")
        rows.append(torch.cat([nearest[0], bicubic[i], out[i], hr[i]], dim=2))
    grid = torch.cat(rows, dim=1)
    pixels = torch.clamp(torch.floor((grid + 1) * 127.5 + 0.5), 0, 255).byte().permute(1, 2, 0).numpy()
    Image.fromarray(pixels).save(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("hr_dir")
    ap.add_argument("out", help="OUT.safetensors (OUT.png is written beside it)")
    ap.add_argument("--style", required=True, help="the style it belongs to, [a-z0-9_-]+")
    ap.add_argument("--scale", type=int, default=4, choices=[2, 3, 4])
    ap.add_argument("--input", type=int, default=64, help="the style's resolution (default 64)")
    ap.add_argument("--channels", type=int, default=32)
    ap.add_argument("--blocks", type=int, default=3)
    ap.add_argument("--minutes", type=float, default=20)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--crop", type=int, default=32, help="low-resolution crop side while training")
    ap.add_argument("--limit", type=int, default=3000, help="at most this many training pictures in memory")
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--license", required=True, help="the training data's licence")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    side = args.input * args.scale
    train, held = load_pictures(args.hr_dir, side, args.limit, args.seed)
    print(f"{len(train)} training pictures, {len(held)} held out, {side}x{side}", flush=True)
    model = Upscaler(args.scale, args.channels, args.blocks)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    rng = np.random.default_rng(args.seed)
    crop = args.crop * args.scale
    start, step, budget = time.time(), 0, args.minutes * 60
    while time.time() - start < budget:
        progress = (time.time() - start) / budget
        for group in opt.param_groups:
            group["lr"] = args.lr * 0.5 * (1 + np.cos(np.pi * min(progress, 1)))
        idx = rng.integers(0, len(train), args.batch)
        ys, xs = rng.integers(0, side - crop + 1, args.batch), rng.integers(0, side - crop + 1, args.batch)
        batch = np.stack([train[i, y:y + crop, x:x + crop] for i, y, x in zip(idx, ys, xs)])
        # Flips and quarter turns: line art and icons look the same either way round.
        if rng.random() < 0.5:
            batch = batch[:, :, ::-1]
        batch = np.rot90(batch, int(rng.integers(0, 4)), axes=(1, 2)).copy()
        hr = to_unit(batch)
        loss = F.l1_loss(model(reduce(hr, args.scale)), hr)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 500 == 0:
            print(f"step {step}  {time.time() - start:.0f} s  L1 {loss.item():.4f}", flush=True)
        if step % 5000 == 0:
            model.eval()
            net, bicubic, _ = evaluate(model, held[:64], args.scale)
            model.train()
            print(f"  held-out (64): network {net:.2f} dB, bicubic {bicubic:.2f} dB", flush=True)
    model.eval()
    net, bicubic, views = evaluate(model, held, args.scale)
    print(f"held-out PSNR: network {net:.2f} dB, bicubic {bicubic:.2f} dB ({net - bicubic:+.2f} dB), {step} steps", flush=True)

    tensors = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    quality = {"psnr_db": round(net, 2), "bicubic_psnr_db": round(bicubic, 2), "heldout": len(held),
               "from_px": args.input, "to_px": side}
    hardware = f"{platform.processor() or platform.machine()}, {args.threads} thread(s)"
    meta = {"kind": "upscaler", "name": args.style, "scale": str(args.scale), "resolution": str(args.input),
            "description": f"x{args.scale} upscaler for the {args.style} style ({params:,} parameters)",
            "dataset": args.dataset, "license": args.license, "steps": str(step),
            "training": f"{(time.time() - start) / 60:.0f} min on {hardware}, batch {args.batch}, L1, crops {crop} px",
            "quality": quality}
    meta["run"] = card_entry(vars(args))
    write_model(args.out, tensors, model.arch(), meta)
    # The file as written (F16 weights), run by the reference interpreter of `ganvas.arch`.
    tensors16, arch, _ = read_model(args.out)
    hr = to_unit(held[:8])
    lr = reduce(hr, args.scale)
    ref = run_arch(arch, tensors16, lr)
    with torch.no_grad():
        print(f"exported: max |file - module| {float((ref - model(lr)).abs().max()):.2e} (F16 rounding)")
    save_comparison(os.path.splitext(args.out)[0] + ".png", views, args.scale)


if __name__ == "__main__":
    main()
