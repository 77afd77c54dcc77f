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


def codepoints(font):
    """Each glyph's code point sequence: the cmap's single characters, then GSUB's ligatures
    (ZWJ sequences, skin tones, flags, keycaps) built from them."""
    seq = {glyph: (cp,) for cp, glyph in font.getBestCmap().items()}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, ligatures in getattr(table, "ligatures", {}).items():
                for ligature in ligatures:
                    parts = [first] + list(ligature.Component)
                    if all(p in seq for p in parts):
                        seq.setdefault(ligature.LigGlyph, tuple(cp for p in parts for cp in seq[p]))
    return seq


SKIN_TONES = range(0x1F3FB, 0x1F400)
REGIONAL = range(0x1F1E6, 0x1F200)
TAGS = range(0xE0020, 0xE0080)
# Letters, digits and words in boxes or circles: pictures of text, not of things.
TEXT_LIKE = set(range(0x1F170, 0x1F1E6)) | set(range(0x1F201, 0x1F252)) | set(range(0x1F51F, 0x1F525)) \
    | {0x0023, 0x002A, 0x00A9, 0x00AE, 0x2122, 0x2139, 0x24C2, 0x3030, 0x303D, 0x3297, 0x3299} | set(range(0x30, 0x3A))


def curation_reason(sequence):
    """Why a glyph is left out of the curated set, or None to keep it."""
    if not sequence:
        return None
    if any(cp in SKIN_TONES for cp in sequence):
        return "skin-tone variant (the default-tone picture is kept)"
    if all(cp in REGIONAL for cp in sequence) or sequence[0] == 0x1F3F4 and any(cp in TAGS for cp in sequence):
        return "flag"
    if 0x20E3 in sequence or sequence[0] in TEXT_LIKE:
        return "text-like symbol (keycap, boxed letters or words)"
    return None


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
    ap.add_argument("--curate", action="store_true",
                    help="leave out skin-tone variants, flags and text-like symbols (listed in REMOVED.txt)")
    args = ap.parse_args()
    ensure_packages([PACKAGE])
    if not os.path.exists(FONT):
        sys.exit(f"{PACKAGE} is installed but {FONT} is not there")
    version, homepage = package_info(PACKAGE)
    os.makedirs(args.out_dir, exist_ok=True)
    count = 0
    names = []
    removed = {}
    sequences = {}
    if args.curate:
        from fontTools.ttLib import TTFont
        sequences = codepoints(TTFont(FONT))
    for name, png in glyph_pngs(FONT):
        reason = curation_reason(sequences.get(name, ())) if args.curate else None
        if reason:
            removed.setdefault(reason, []).append(name)
            continue
        to_square(png, args.size).save(os.path.join(args.out_dir, f"{count:05d}.png"), optimize=True)
        names.append(name)
        count += 1
    if args.curate:
        with open(os.path.join(args.out_dir, "REMOVED.txt"), "w", encoding="utf-8") as f:
            f.write("Left out by tools/datasets/emoji.py --curate (near-copies and pictures of text):\n")
            for reason, glyphs in sorted(removed.items()):
                f.write(f"\n{reason}: {len(glyphs)}\n{' '.join(glyphs)}\n")
    with open(os.path.join(args.out_dir, "SOURCE.txt"), "w", encoding="utf-8") as f:
        f.write(f"""Emoji data set for Ganvas ({count} pictures, {args.size}x{args.size} RGB on white{", curated: see REMOVED.txt" if args.curate else ""})
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
    left_out = sum(len(g) for g in removed.values())
    print(f"wrote {count} pictures and SOURCE.txt to {args.out_dir}" + (f"; {left_out} left out (REMOVED.txt)" if args.curate else ""))


if __name__ == "__main__":
    main()
