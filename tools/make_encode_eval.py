#!/usr/bin/env python3
"""The pictures `bench/encode.sh` encodes: per style, 16 held-out real pictures (spread over the
every-20th files that tools/train_encoder.py never trains on), and pictures from outside every
style: five photographs that ship with scikit-image (astronaut: NASA, public domain; camera,
chelsea, coffee, rocket: CC0 / public domain, see skimage/data/README) at their own sizes and
shapes (one grey), and three gradients (linear colour 120x80, radial 96x96, grey 64x64).

    python3 tools/make_encode_eval.py /work/data OUT_DIR     # pip install scikit-image
"""
import glob
import os
import shutil
import sys

import numpy as np
from PIL import Image


def main():
    data, out = sys.argv[1], sys.argv[2]
    for style in ["emoji", "glyphs", "icons"]:
        os.makedirs(os.path.join(out, style), exist_ok=True)
        held = sorted(glob.glob(os.path.join(data, style, "*.png")))[::20]
        for f in held[::max(1, len(held) // 16)][:16]:
            shutil.copy(f, os.path.join(out, style, f"{style}-{os.path.basename(f)}"))
    outside = os.path.join(out, "outside")
    os.makedirs(outside, exist_ok=True)
    import skimage
    photos = os.path.join(os.path.dirname(skimage.__file__), "data")
    for name in ["astronaut.png", "chelsea.png", "coffee.png", "camera.png", "rocket.jpg"]:
        Image.open(os.path.join(photos, name)).save(os.path.join(outside, "photo-" + name.split(".")[0] + ".png"))
    w, h = 120, 80
    x = np.linspace(0, 1, w)[None, :, None]
    y = np.linspace(0, 1, h)[:, None, None]
    linear = np.concatenate([255 * x * np.ones_like(y), 255 * y * np.ones_like(x), 255 * (1 - x) * np.ones_like(y)], axis=2)
    Image.fromarray(linear.astype(np.uint8)).save(os.path.join(outside, "gradient-linear.png"))
    s = 96
    yy, xx = np.mgrid[0:s, 0:s]
    r = np.sqrt((xx - s / 2) ** 2 + (yy - s / 2) ** 2) / (s / 2)
    radial = np.stack([255 * np.clip(1 - r, 0, 1), 128 + 0 * r, 255 * np.clip(r, 0, 1)], axis=2)
    Image.fromarray(radial.astype(np.uint8)).save(os.path.join(outside, "gradient-radial.png"))
    grey = np.tile(np.linspace(0, 255, 64)[None, :], (64, 1)).astype(np.uint8)
    Image.fromarray(grey, "L").save(os.path.join(outside, "gradient-grey.png"))
    print(f"wrote {out}: 16 held-out pictures per style, 8 outside")


if __name__ == "__main__":
    main()
