#!/usr/bin/env python3
"""The README's side-by-side picture of the learned upscalers: for each style that has one, the
same pictures made at 4x (2x for x2 upscalers) with `--enhance off` (a smooth resampling of the
model's pixels) and with the upscaler. Writes bench/screenshots/upscalers.png.

    python3 bench/upscale_figure.py        (uses .build/release/ganvas; needs Pillow)
"""
import glob
import os
import subprocess
import tempfile

from PIL import Image, ImageDraw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GANVAS = os.path.join(ROOT, ".build/release/ganvas")
SEEDS = [3, 7, 12]


def main():
    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, "models", "*.upscaler.safetensors"))):
        style = os.path.basename(path).split(".")[0]
        with tempfile.TemporaryDirectory() as work:
            row = []
            for seed in SEEDS:
                pair = []
                for enhance in ("off", "on"):
                    out = os.path.join(work, f"{seed}-{enhance}.png")
                    subprocess.run([GANVAS, "generate", "--style", style, "--seed", str(seed), "--size", "256",
                                    "--enhance", enhance, "--out", out], check=True, capture_output=True)
                    pair.append(Image.open(out).convert("RGB"))
                row.append(pair)
            rows.append((style, row))
    gutter, label = 8, 18
    width = len(SEEDS) * (2 * 256 + gutter) + gutter * 2
    sheet = Image.new("RGB", (width, len(rows) * (256 + label + gutter) + gutter), "white")
    draw = ImageDraw.Draw(sheet)
    for r, (style, row) in enumerate(rows):
        y = gutter + r * (256 + label + gutter)
        draw.text((gutter, y), f"{style}: plain resample (--enhance off) | learned upscaler, pairs for seeds {SEEDS}", fill="black")
        for i, (plain, sharp) in enumerate(row):
            x = gutter + i * (2 * 256 + gutter)
            sheet.paste(plain, (x, y + label))
            sheet.paste(sharp, (x + 256, y + label))
    target = os.path.join(ROOT, "bench", "screenshots", "upscalers.png")
    sheet.save(target)
    print(target)


if __name__ == "__main__":
    main()
