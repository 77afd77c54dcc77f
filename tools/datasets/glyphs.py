#!/usr/bin/env python3
"""Builds the glyphs data set: the letters a-z, A-Z and digits 0-9 of many free font families that
Debian ships, black on white, each centred by its ink bounding box and scaled to fit a 64x64 square
with a margin.  Usage: python3 tools/datasets/glyphs.py OUT_DIR [--size 64] [--margin 5]

Installs the font packages below with apt-get when missing (run as root, or with sudo).  Every
.ttf/.otf file of those packages is a candidate face; a face is used only if its Unicode cmap maps
all 62 characters to glyphs with ink that are not all alike (this drops symbol, dingbat and math
fonts, which are also skipped by name, as are key-cap faces).  Exact duplicates (same name, or the same pictures) are
dropped, and within a family a face whose pictures differ from an already kept one by less than
--min-diff (mean absolute difference, 0..1, at 32x32) counts as a near-duplicate weight and is
dropped; at most --max-per-family faces are kept per family (Regular, Bold, Italic, Bold Italic
first).  Within a face, a lower-case letter that renders the same as its capital (caps-only
faces) is written once.

Writes OUT_DIR/00000.png ... (64x64 RGB, grey levels only), OUT_DIR/index.csv (file, package,
font file, family, style, character) and OUT_DIR/SOURCE.txt (every package with its Debian version,
homepage and licence, and the faces used).  Data sets are never committed: keep OUT_DIR outside
the repository (e.g. /work/data/glyphs).
"""
import argparse
import csv
import hashlib
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ganvas_tools.debian import ensure_packages, package_info  # noqa: E402

# Package -> licence of the fonts (checked against /usr/share/doc/PKG/copyright; all are in
# Debian main, so DFSG-free, and all allow use, modification and redistribution).
PACKAGES = {
    "fonts-adf-accanthis": "GPL-2+ with font exception",
    "fonts-adf-baskervald": "GPL-2+ with font exception",
    "fonts-adf-berenis": "GPL-2+ with font exception",
    "fonts-adf-gillius": "GPL-2+ with font exception",
    "fonts-adf-ikarius": "GPL-2+ with font exception",
    "fonts-adf-irianis": "GPL-2+ with font exception",
    "fonts-adf-mekanus": "GPL-2+ with font exception",
    "fonts-adf-romande": "GPL-2+ with font exception",
    "fonts-adf-switzera": "GPL-2+ with font exception",
    "fonts-adf-tribun": "GPL-2+ with font exception",
    "fonts-adf-universalis": "GPL-2+ with font exception",
    "fonts-adf-verana": "GPL-2+ with font exception",
    "fonts-anonymous-pro": "SIL OFL 1.1",
    "fonts-averia-gwf": "SIL OFL 1.1",
    "fonts-bebas-neue": "SIL OFL 1.1",
    "fonts-beteckna": "GPL-3",
    "fonts-blankenburg": "SIL OFL 1.1",
    "fonts-breip": "SIL OFL 1.0",
    "fonts-cabin": "SIL OFL 1.1",
    "fonts-cantarell": "SIL OFL 1.1",
    "fonts-clear-sans": "Apache-2.0",
    "fonts-comfortaa": "SIL OFL 1.1",
    "fonts-comic-neue": "SIL OFL 1.1",
    "fonts-crosextra-caladea": "SIL OFL 1.1 (Apache-2.0 in older releases)",
    "fonts-crosextra-carlito": "SIL OFL 1.1",
    "fonts-dejavu-core": "Bitstream Vera licence (DejaVu changes: public domain)",
    "fonts-dejavu-extra": "Bitstream Vera licence (DejaVu changes: public domain)",
    "fonts-dkg-handwriting": "SIL OFL 1.1 or GPL-3+",
    "fonts-dosis": "SIL OFL 1.1",
    "fonts-ebgaramond": "SIL OFL 1.1",
    "fonts-fanwood": "SIL OFL 1.1 (MIT in the Debian copyright file)",
    "fonts-firacode": "SIL OFL 1.1",
    "fonts-freefont-ttf": "GPL-3+ with font exception",
    "fonts-gfs-didot": "SIL OFL 1.1",
    "fonts-go": "BSD-3-Clause",
    "fonts-gotico-antiqua": "SIL OFL 1.1",
    "fonts-goudybookletter": "public domain",
    "fonts-hack": "MIT (Expat) and Bitstream Vera licence",
    "fonts-humor-sans": "SIL OFL 1.1",
    "fonts-inconsolata": "SIL OFL 1.0",
    "fonts-isabella": "LGPL-2+",
    "fonts-jetbrains-mono": "SIL OFL 1.1 (Apache-2.0 in the Debian copyright file)",
    "fonts-jura": "SIL OFL 1.1 or GPL-3+",
    "fonts-kristi": "SIL OFL 1.1",
    "fonts-lato": "SIL OFL 1.1",
    "fonts-league-spartan": "SIL OFL 1.1",
    "fonts-liberation2": "SIL OFL 1.1",
    "fonts-linuxlibertine": "GPL-2+ with font exception, or SIL OFL 1.1",
    "fonts-lobstertwo": "SIL OFL 1.1",
    "fonts-manrope": "SIL OFL 1.1",
    "fonts-mononoki": "SIL OFL 1.1",
    "fonts-oldstandard": "SIL OFL 1.0",
    "fonts-open-sans": "Apache-2.0",
    "fonts-play": "SIL OFL 1.1",
    "fonts-quattrocento": "SIL OFL 1.1",
    "fonts-roboto-unhinted": "Apache-2.0",
    "fonts-sil-charis": "SIL OFL 1.1",
    "fonts-sora": "SIL OFL 1.1",
    "fonts-staypuft": "LGPL-2+",
    "fonts-tomsontalks": "SIL OFL 1.1",
    "fonts-urw-base35": "AGPL-3 with font exception",
    "fonts-vollkorn": "SIL OFL 1.1",
    "fonts-yanone-kaffeesatz": "SIL OFL 1.1",
}

CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
SKIP_NAME = re.compile(r"symbol|dingbat|math|icon|ornament|keyboard|D050000L|emoji", re.I)
STYLE_ORDER = ["regular", "bold", "italic", "bold italic"]
RENDER_PX = 256  # font size for the high-resolution rendering before downsampling


def copyright_licences(pkg):
    """What /usr/share/doc/PKG/copyright says: the License fields of its non-debian/ stanzas
    (machine-readable files), else the licence names its text mentions."""
    try:
        text = open(f"/usr/share/doc/{pkg}/copyright", encoding="utf-8", errors="replace").read()
    except OSError:
        return "(no copyright file)"
    out = []
    if re.search(r"^Files:", text, re.M):
        for stanza in re.split(r"\n\s*\n", text):
            m = re.search(r"^Files:\s*(.*(?:\n[ \t]+.*)*)", stanza, re.M)
            if not m or all(f.startswith("debian/") for f in m.group(1).split()):
                continue
            lic = re.search(r"^License:\s*(.*)", stanza, re.M)
            if lic and lic.group(1).strip() and lic.group(1).strip() not in out:
                out.append(lic.group(1).strip())
    else:
        for pat in (r"SIL Open Font License,?\s*Version\s*1\.[01]", r"GNU (Lesser )?General Public License",
                    r"font exception", r"Apache License", r"public domain", r"Bitstream"):
            m = re.search(pat, text, re.I)
            if m:
                out.append(re.sub(r"\s+", " ", m.group(0)))
    return "; ".join(out) or "(see the file)"


def package_fonts(pkg):
    out = subprocess.run(["dpkg", "-L", pkg], capture_output=True, text=True, check=True).stdout.split("\n")
    return sorted(p for p in out if p.lower().endswith((".ttf", ".otf")) and os.path.isfile(p))


def face_names(path):
    """(family, style, full name) from the font's name table, or None when it has no usable
    Unicode cmap covering CHARS."""
    from fontTools.ttLib import TTFont
    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        cmap = font.getBestCmap() or {}
        name = font["name"]
    except Exception:
        return None
    if any(ord(c) not in cmap or cmap[ord(c)] in (".notdef", "") for c in CHARS):
        return None

    def get(*ids):
        for i in ids:
            v = name.getDebugName(i)
            if v:
                return v.strip()
        return ""
    family = get(16, 1) or os.path.basename(path)
    style = get(17, 2) or "Regular"
    return family, style, get(4) or f"{family} {style}"


def render_glyph(font, ch, size, margin):
    """One character: ink bounding box cropped from a high-resolution rendering, centred on a white
    square with a margin, resized to size x size. Returns a uint8 array or None without ink."""
    from PIL import Image, ImageDraw
    left, top, right, bottom = font.getbbox(ch)
    pad = RENDER_PX // 4
    w, h = max(1, right - left) + 2 * pad, max(1, bottom - top) + 2 * pad
    im = Image.new("L", (w, h), 0)
    ImageDraw.Draw(im).text((pad - left, pad - top), ch, font=font, fill=255)
    box = im.getbbox()
    if box is None:
        return None
    ink = im.crop(box)
    inner = size - 2 * margin
    side = int(np.ceil(max(ink.width, ink.height) * size / inner))
    canvas = Image.new("L", (side, side), 0)
    canvas.paste(ink, ((side - ink.width) // 2, (side - ink.height) // 2))
    small = canvas.resize((size, size), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return 255 - np.asarray(small, dtype=np.uint8)  # black on white


def render_face(path, size, margin):
    """{char: uint8 [size, size]} for CHARS, or None when a glyph has no ink or the face's glyphs
    are mostly alike (a fallback box, a symbol font)."""
    from PIL import ImageFont
    try:
        font = ImageFont.truetype(path, RENDER_PX)
    except OSError:
        return None
    out = {}
    for ch in CHARS:
        g = render_glyph(font, ch, size, margin)
        if g is None or (g < 128).sum() < size // 4:
            return None
        out[ch] = g
    distinct = len({hashlib.sha1(g.tobytes()).digest() for g in out.values()})
    if distinct < 30:
        return None
    return out


def thumb(glyphs):
    """Face features for near-duplicate tests: every glyph at 32x32, floats 0..1."""
    a = np.stack([glyphs[c] for c in CHARS]).astype(np.float32) / 255.0
    n, h, w = a.shape
    return a.reshape(n, h // 2, 2, w // 2, 2).mean(axis=(2, 4))


def style_rank(style):
    s = style.lower().replace("oblique", "italic").replace("roman", "regular").replace("book", "regular")
    s = s.replace("normal", "regular")
    return STYLE_ORDER.index(s) if s in STYLE_ORDER else len(STYLE_ORDER)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--margin", type=int, default=5, help="white margin around the ink, in output pixels")
    ap.add_argument("--max-per-family", type=int, default=6)
    ap.add_argument("--min-diff", type=float, default=0.045,
                    help="drop a face whose mean absolute difference to a kept face of its family is below this")
    args = ap.parse_args()
    from PIL import Image

    ensure_packages(PACKAGES, what="font package")
    os.makedirs(args.out_dir, exist_ok=True)

    # Candidate faces, grouped by family (a family may span packages; the first package wins).
    faces, seen_names = [], set()
    for pkg in PACKAGES:
        for path in package_fonts(pkg):
            if SKIP_NAME.search(os.path.basename(path)):
                continue
            names = face_names(path)
            if names is None or SKIP_NAME.search(names[0]) or names[2].lower() in seen_names:
                continue
            seen_names.add(names[2].lower())
            faces.append({"pkg": pkg, "path": path, "family": names[0], "style": names[1], "full": names[2]})
    families = {}
    for f in faces:
        families.setdefault(f["family"], []).append(f)

    kept, seen_hashes, dropped = [], set(), {"no ink / alike": 0, "duplicate": 0, "near-duplicate": 0, "family cap": 0}
    for family, members in families.items():
        members.sort(key=lambda f: (style_rank(f["style"]), f["path"]))
        fam_kept = []
        for f in members:
            glyphs = render_face(f["path"], args.size, args.margin)
            if glyphs is None:
                dropped["no ink / alike"] += 1
                continue
            digest = hashlib.sha1(b"".join(glyphs[c].tobytes() for c in CHARS)).digest()
            if digest in seen_hashes:
                dropped["duplicate"] += 1
                continue
            seen_hashes.add(digest)
            t = thumb(glyphs)
            diffs = [float(np.abs(t - k["thumb"]).mean()) for k in fam_kept]
            if diffs and min(diffs) < args.min_diff:
                dropped["near-duplicate"] += 1
                continue
            if len(fam_kept) >= args.max_per_family:
                dropped["family cap"] += 1
                continue
            f["thumb"], f["glyphs"] = t, glyphs
            fam_kept.append(f)
        kept += fam_kept
        print(f"{family}: {', '.join(k['style'] for k in fam_kept) or '-'} ({len(members)} candidate(s))", flush=True)

    count = 0
    rows = []
    per_pkg = {}
    for f in kept:
        written = {}
        for ch in CHARS:
            g = f["glyphs"][ch]
            if ch.islower() and ch.upper() in written and np.array_equal(written[ch.upper()], g):
                continue  # caps-only face: same picture as the capital
            written[ch] = g
            name = f"{count:05d}.png"
            Image.fromarray(g).convert("RGB").save(os.path.join(args.out_dir, name), optimize=True)
            rows.append([name, f["pkg"], f["path"], f["family"], f["style"], ch])
            count += 1
        f["images"] = len(written)
        per_pkg.setdefault(f["pkg"], []).append(f)
        del f["glyphs"], f["thumb"]

    with open(os.path.join(args.out_dir, "index.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "package", "font_file", "family", "style", "char"])
        w.writerows(rows)

    lines = []
    for pkg in PACKAGES:
        version, homepage = package_info(pkg)
        used = per_pkg.get(pkg, [])
        lines.append(f"{pkg} {version}\n    homepage: {homepage or '-'}\n    licence: {PACKAGES[pkg]}\n"
                     f"    copyright file (/usr/share/doc/{pkg}/copyright): {copyright_licences(pkg)}\n"
                     f"    faces used ({len(used)}, {sum(f['images'] for f in used)} pictures):")
        for f in used:
            lines.append(f"      {f['family']} / {f['style']}  ({os.path.basename(f['path'])})")
    n_fam = len({f["family"] for f in kept})
    with open(os.path.join(args.out_dir, "SOURCE.txt"), "w", encoding="utf-8") as fh:
        fh.write(f"""Glyphs data set for Ganvas ({count} pictures, {args.size}x{args.size}, black on white, saved as RGB)
Made by tools/datasets/glyphs.py: the characters {CHARS}
of {len(kept)} faces from {n_fam} font families in {len(per_pkg)} Debian 12 packages.

Each character was rendered with FreeType (Pillow) at {RENDER_PX} px, cropped to its ink bounding box,
centred on a white square leaving a {args.margin}-pixel margin at {args.size}x{args.size} (aspect kept), and resized
with Lanczos.  Faces: every .ttf/.otf of the packages whose Unicode cmap covers all 62 characters
with inked glyphs; symbol, dingbat, math and key-cap fonts skipped; exact duplicates dropped; within a
family, faces whose pictures differ from a kept face by less than {args.min_diff} (mean absolute
difference at 32x32) dropped, at most {args.max_per_family} faces per family.  A lower-case letter that renders
exactly like its capital is written once.  index.csv maps each file to package, font, character.
Dropped faces: {", ".join(f"{k} {v}" for k, v in dropped.items())}.

All packages are from Debian main (DFSG-free): their licences allow using, modifying and
redistributing the fonts.  The licences cover the fonts, not pictures or documents made with
them (the OFL FAQ and the GPL font exception say so explicitly), so these pictures, and a model
trained on them, may be redistributed.

Packages (Debian version, homepage, licence):

""" + "\n".join(lines) + "\n")
    print(f"wrote {count} pictures of {len(kept)} faces ({n_fam} families) with index.csv and SOURCE.txt to {args.out_dir}")


if __name__ == "__main__":
    main()
