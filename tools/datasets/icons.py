#!/usr/bin/env python3
"""Builds the icons data set: the colourful application icons of the Papirus icon theme, rendered
from SVG at 64x64 and composited on white.  Usage: python3 tools/datasets/icons.py OUT_DIR
[--size 64] [--context apps [--context devices ...]]

Installs papirus-icon-theme (GPL-3) and librsvg2-bin (for rsvg-convert) with apt-get when missing
(run as root, or with sudo).  Every regular .svg file (symbolic links are aliases of other icons)
under /usr/share/icons/Papirus/64x64/CONTEXT is rendered with rsvg-convert at SIZE x SIZE (the 64 px
icons are drawn for that grid), composited on white; pictures identical to one already written
are skipped.

Writes OUT_DIR/00000.png ... (RGB), OUT_DIR/index.csv (file, icon) and OUT_DIR/SOURCE.txt
(package, Debian version, upstream, licence).  Data sets are never committed: keep OUT_DIR
outside the repository (e.g. /work/data/icons).
"""
import argparse
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ganvas_tools.debian import ensure_packages, package_info  # noqa: E402

PACKAGE = "papirus-icon-theme"
THEME = "/usr/share/icons/Papirus"
RENDERER_PACKAGE = "librsvg2-bin"
COPYRIGHT = f"/usr/share/doc/{PACKAGE}/copyright"


def ensure_renderer():
    ensure_packages([PACKAGE, RENDERER_PACKAGE])
    if not shutil.which("rsvg-convert") or not os.path.isdir(THEME):
        sys.exit(f"{PACKAGE} and {RENDERER_PACKAGE} are installed, but rsvg-convert or {THEME} is missing")


def copyright_excerpt():
    """The copyright file's first stanza (files, copyright holders, licence, original sources)."""
    try:
        text = open(COPYRIGHT, encoding="utf-8").read()
    except OSError:
        return "(copyright file not found)"
    stanzas = text.split("\n\n")
    return "\n\n".join(s for s in stanzas[:2] if s.strip())


def render(svg, size):
    """SVG -> PIL RGB image, size x size, on white."""
    from PIL import Image
    png = subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), "-f", "png", svg],
                         capture_output=True, check=True).stdout
    im = Image.open(io.BytesIO(png)).convert("RGBA")
    if im.size != (size, size):  # rsvg keeps the aspect ratio of non-square drawings
        square = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        square.paste(im, ((size - im.width) // 2, (size - im.height) // 2))
        im = square
    white = Image.new("RGBA", im.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, im).convert("RGB")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--context", action="append", default=None,
                    help="icon context folder under Papirus/64x64 (default: apps); may be repeated")
    args = ap.parse_args()
    contexts = args.context or ["apps"]
    ensure_renderer()
    version, homepage = package_info(PACKAGE)
    rversion, _ = package_info(RENDERER_PACKAGE)
    os.makedirs(args.out_dir, exist_ok=True)

    count, skipped, failed, rows, seen = 0, 0, [], [], set()
    for context in contexts:
        folder = os.path.join(THEME, "64x64", context)
        names = sorted(n for n in os.listdir(folder)
                       if n.endswith(".svg") and not os.path.islink(os.path.join(folder, n)))
        for n in names:
            try:
                im = render(os.path.join(folder, n), args.size)
            except (subprocess.CalledProcessError, OSError) as e:
                failed.append(n)
                print(f"skipping {context}/{n}: {e}", file=sys.stderr)
                continue
            digest = hashlib.sha1(im.tobytes()).digest()
            if digest in seen:
                skipped += 1
                continue
            seen.add(digest)
            name = f"{count:05d}.png"
            im.save(os.path.join(args.out_dir, name), optimize=True)
            rows.append([name, f"{context}/{n[:-4]}"])
            count += 1
            if count % 500 == 0:
                print(f"{count} pictures", flush=True)

    with open(os.path.join(args.out_dir, "index.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "icon"])
        w.writerows(rows)
    with open(os.path.join(args.out_dir, "SOURCE.txt"), "w", encoding="utf-8") as f:
        f.write(f"""Icons data set for Ganvas ({count} pictures, {args.size}x{args.size} RGB on white)
Made by tools/datasets/icons.py from the Papirus icon theme's 64x64 SVG icons
({", ".join(THEME + "/64x64/" + c for c in contexts)}), every regular .svg file (symbolic links are
aliases and are not rendered twice).

Package:  {PACKAGE} {version} (Debian)
Upstream: Papirus Development Team, {homepage or "https://github.com/PapirusDevelopmentTeam/papirus-icon-theme"}
Licence:  GPL-3 (the icons; Debian's copyright file lists Paper (LGPL-3), Numix, Numix Core and
          elementary+ (GPL-3) as original sources).  The GPL-3 allows using, modifying and
          redistributing the icons and works based on them.  Many app icons draw third-party
          logos and characters (trade marks); the GPL covers the drawings' copyright, not
          trade-mark rights, so do not present model output as anyone's logo.
Renderer: rsvg-convert from {RENDERER_PACKAGE} {rversion} (Debian).

From {COPYRIGHT}:

{copyright_excerpt()}

Processing: each SVG rendered by rsvg-convert at {args.size}x{args.size} (transparent background), composited
on white, saved as RGB PNG.  Pictures identical to an earlier one were skipped ({skipped}); SVGs that
failed to render: {len(failed)}{(" (" + ", ".join(failed) + ")") if failed else ""}.  index.csv maps each file to its icon name.
""")
    print(f"wrote {count} pictures ({skipped} duplicates skipped, {len(failed)} failed) "
          f"with index.csv and SOURCE.txt to {args.out_dir}")


if __name__ == "__main__":
    main()
