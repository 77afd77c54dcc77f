#!/usr/bin/env python3
"""Builds the emoji data set: Noto Color Emoji's CBDT colour bitmaps, composited on white, padded to
square and resized to 64x64.  Usage: python3 tools/datasets/emoji.py OUT_DIR [--size 64]

Writes OUT_DIR/00000.png ... and OUT_DIR/SOURCE.txt (package, version, upstream, licence).
Data sets are never committed: keep OUT_DIR outside the repository (e.g. /work/data/emoji).
"""
import argparse
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ganvas_tools.debian import ensure_packages, package_info  # noqa: E402

PACKAGE = "fonts-noto-color-emoji"
FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
COPYRIGHT = f"/usr/share/doc/{PACKAGE}/copyright"


def copyright_excerpt():
    """The copyright file's header and the stanza for the fonts (not the full licence text)."""
    try:
        text = open(COPYRIGHT, encoding="utf-8").read()
    except OSError:
        return "(copyright file not found)"
    stanzas = text.split("\n\n")
    keep = [s for s in stanzas if s.startswith(("Format:", "Files:"))]
    for s in stanzas:  # first lines of the SIL licence stanza
        if s.startswith("License:") and "SIL" in s.splitlines()[0]:
            keep.append("\n".join(s.splitlines()[:4]) + "\n ...")
    return "\n\n".join(keep)


def glyph_pngs(font_path):
    """Yields (glyph name, PNG bytes) for every bitmap of the largest CBDT strike."""
    from fontTools.ttLib import TTFont
    font = TTFont(font_path)
    cbdt = font["CBDT"]
    strike = max(cbdt.strikeData, key=len)
    for name in sorted(strike, key=font.getGlyphID):
        glyph = strike[name]
        glyph.decompile()
        data = getattr(glyph, "imageData", None)
        if data and data[:8] == b"\x89PNG\r\n\x1a\n":
            yield name, data


def to_square(png, size):
    from PIL import Image
    im = Image.open(io.BytesIO(png)).convert("RGBA")
    white = Image.new("RGBA", im.size, (255, 255, 255, 255))
    im = Image.alpha_composite(white, im).convert("RGB")
    side = max(im.size)
    square = Image.new("RGB", (side, side), (255, 255, 255))
    square.paste(im, ((side - im.width) // 2, (side - im.height) // 2))
    return square.resize((size, size), Image.Resampling.LANCZOS, reducing_gap=3.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--size", type=int, default=64)
    args = ap.parse_args()
    ensure_packages([PACKAGE])
    if not os.path.exists(FONT):
        sys.exit(f"{PACKAGE} is installed but {FONT} is not there")
    version, homepage = package_info(PACKAGE)
    os.makedirs(args.out_dir, exist_ok=True)
    count = 0
    names = []
    for name, png in glyph_pngs(FONT):
        to_square(png, args.size).save(os.path.join(args.out_dir, f"{count:05d}.png"), optimize=True)
        names.append(name)
        count += 1
    with open(os.path.join(args.out_dir, "SOURCE.txt"), "w", encoding="utf-8") as f:
        f.write(f"""Emoji data set for Ganvas ({count} pictures, {args.size}x{args.size} RGB on white)
Made by tools/datasets/emoji.py from the CBDT colour bitmaps (largest strike, 136x128 RGBA PNG)
of {FONT}.

Package:  {PACKAGE} {version} (Debian)
Upstream: noto-emoji by Google, https://github.com/googlefonts/noto-emoji
Homepage: {homepage}
Licence:  the font (and so these bitmaps) is under the SIL Open Font License, Version 1.1
          (https://openfontlicense.org); the upstream tools are Apache-2.0.

From {COPYRIGHT}:

{copyright_excerpt()}

Processing: each bitmap composited on white, padded with white to a square (aspect kept, centred),
resized with Lanczos to {args.size}x{args.size}.  Files are numbered in glyph-id order; glyph names:
{" ".join(names)}
""")
    print(f"wrote {count} pictures and SOURCE.txt to {args.out_dir}")


if __name__ == "__main__":
    main()
