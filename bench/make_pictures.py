#!/usr/bin/env python3
"""Makes the test pictures for bench/show.py.

Pictures (each a square RGB PNG, at 256 and 512 pixels):
  tiny-N       GAN-like: `ganvas generate` with the test fixture Tests/NeuralTests/Fixtures/tiny.safetensors, seed 3
  emoji-N      GAN: `ganvas generate --style emoji --seed 3`, only when models/emoji.safetensors exists
  astronaut-N  photograph: scikit-image's astronaut.png (NASA, public domain), from Debian's python3-skimage
  waves-N      illustration (gradients, soft curves): desktop-base's softwaves plymouth background
               (Juliette Taka, GPL-2+), centre square

A picture whose PNG is at most 300 KB goes to bench/pictures/ (kept in git); a bigger one (the
512 px photograph) goes to bench/work/pictures/ (ignored by bench/.gitignore) and is remade from
the package when missing. The Debian packages are fetched with `apt-get download` and unpacked
into a temporary folder (nothing is installed) when their files are not already on the machine.

usage: make_pictures.py [--ganvas PATH] [--force]   prints one line per picture: NAME PATH
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

from PIL import Image

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
PICTURES = os.path.join(BENCH, "pictures")
LARGE = os.path.join(BENCH, "work", "pictures")
LIMIT = 300 * 1024
SIZES = (256, 512)

# (name, Debian package, path inside the package)
PACKAGED = [
    ("astronaut", "python3-skimage", "usr/lib/python3/dist-packages/skimage/data/astronaut.png"),
    ("waves", "desktop-base", "usr/share/plymouth/themes/softwaves/plymouth_background_waves.png"),
]


def existing(name, size):
    for folder in (PICTURES, LARGE):
        path = os.path.join(folder, f"{name}-{size}.png")
        if os.path.exists(path):
            return path
    return None


def place(name, size, write):
    """write(path) makes the PNG; it lands in pictures/ or work/pictures/ by its size."""
    os.makedirs(PICTURES, exist_ok=True)
    os.makedirs(LARGE, exist_ok=True)
    small = os.path.join(PICTURES, f"{name}-{size}.png")
    large = os.path.join(LARGE, f"{name}-{size}.png")
    for stale in (small, large):
        if os.path.exists(stale):
            os.remove(stale)
    write(small)
    if os.path.getsize(small) > LIMIT:
        shutil.move(small, large)
        return large
    return small


def fetch_from_package(package, inner, tmp):
    """The file from the installed package, else from `apt-get download` unpacked in tmp."""
    installed = "/" + inner
    if os.path.exists(installed):
        return installed
    unpacked = os.path.join(tmp, package)
    if not os.path.isdir(unpacked):
        subprocess.run(["apt-get", "download", package], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deb = sorted(glob.glob(os.path.join(tmp, f"{package}_*.deb")))[-1]
        subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
    path = os.path.join(unpacked, inner)
    if not os.path.exists(path):
        sys.exit(f"make_pictures: {inner} not in package {package}")
    return path


def square(path, size):
    image = Image.open(path).convert("RGB")
    w, h = image.size
    s = min(w, h)
    box = ((w - s) // 2, (h - s) // 2, (w - s) // 2 + s, (h - s) // 2 + s)
    return image.crop(box).resize((size, size), Image.LANCZOS)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ganvas", default=os.path.join(ROOT, ".build/release/ganvas"))
    parser.add_argument("--force", action="store_true", help="remake pictures that exist")
    args = parser.parse_args()

    made = []
    styles = [("tiny", os.path.join(ROOT, "Tests/NeuralTests/Fixtures/tiny.safetensors"))]
    if os.path.exists(os.path.join(ROOT, "models/emoji.safetensors")):
        styles.append(("emoji", "emoji"))
    for name, style in styles:
        for size in SIZES:
            path = None if args.force else existing(name, size)
            if path is None:
                def write(out, style=style, size=size):
                    subprocess.run([args.ganvas, "generate", "--style", style, "--seed", "3", "--size", str(size),
                                    "--out", out], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
                path = place(name, size, write)
            made.append((f"{name}-{size}", path))

    with tempfile.TemporaryDirectory(prefix="ganvas-bench-debs-") as tmp:
        os.chmod(tmp, 0o755)  # apt-get download drops privileges to _apt where it can
        for name, package, inner in PACKAGED:
            for size in SIZES:
                path = None if args.force else existing(name, size)
                if path is None:
                    source = fetch_from_package(package, inner, tmp)
                    path = place(name, size, lambda out, s=source, n=size: square(s, n).save(out, optimize=True))
                made.append((f"{name}-{size}", path))

    for name, path in made:
        print(name, path)


if __name__ == "__main__":
    main()
