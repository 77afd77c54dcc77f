#!/bin/bash
# The README's "Paint, colourise, fill" tables and figure:
#  - colourising and filling on held-out real pictures (`ganvas bench --prior`: grey -> --match
#    luma against a plain encode of the colour original; a square and a blob hole -> --fill against
#    the hole painted in the background colour), per style;
#  - a canvas stroke to the style's guess on screen (`ganvas bench --frame F --canvas`, 120x40);
#  - bench/screenshots/canvas.png: sketch -> picture per style (the sketches' unpainted pixels are
#    paper, white at alpha 32, as on the studio's blank canvas), a grey picture colourised in two
#    styles, a hole filled.
#
#   python3 tools/make_encode_eval.py /work/data /work/data/encode_eval
#   PYTHON=~/.venvs/ganvas/bin/python bench/prior.sh /work/data/encode_eval [OUT_DIR]   # Python with Pillow
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:?usage: bench/prior.sh EVAL_DIR [OUT_DIR]}
out=${2:-/tmp/ganvas-prior}
mkdir -p "$out"
swift build -c release >/dev/null
ganvas=.build/release/ganvas
py=${PYTHON:-python3}

echo "| style | pictures | plain encode RMS | colourised: luminance RMS | ratio (goal <= 1.1x) | colourised chroma | real chroma | ratio (goal >= 0.5x) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for style in emoji glyphs icons; do
    "$ganvas" bench --prior --style "$style" --json --sheet "$out/prior-$style.png" "$eval_dir/$style"/*.png > "$out/prior-$style.json"
done
"$py" - "$out" <<'PY'
import json, sys
out = sys.argv[1]
rows = {s: json.load(open(f"{out}/prior-{s}.json")) for s in ["emoji", "glyphs", "icons"]}
for s, r in rows.items():
    note = " (a grey style)" if s == "glyphs" else ""
    chroma = f"{r['chroma_ratio']:.2f}x" if r["real_chroma"] >= 1 else "(no colour to keep)"
    print(f"| `{s}`{note} | {r['pictures']} | {r['plain_rms']:.1f} | {r['colourised_luma_rms']:.1f} | {r['luma_ratio']:.2f}x | "
          f"{r['colourised_chroma']:.1f} | {r['real_chroma']:.1f} | {chroma} |")
print()
print("| style | hole | inside: --fill | inside: hole as background (today) | outside: --fill | outside: plain encode of the original |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for s, r in rows.items():
    for hole, label in [("square", "square, 1/4 of the area"), ("blob", "random blob, ~1/4")]:
        h = r[hole]
        print(f"| `{s}` | {label} | {h['fill_inside']:.1f} | {h['background_inside']:.1f} | {h['fill_outside']:.1f} | {h['plain_outside']:.1f} |")
PY

echo
echo "| style | sixel | half blocks | kitty |"
echo "| --- | ---: | ---: | ---: |"
for style in emoji glyphs icons; do
    row="| \`$style\` |"
    for format in sixel halfblocks kitty; do
        ms=$("$ganvas" bench --style "$style" --frame "$format" --canvas --terminal 120x40 --json | sed 's/.*"ms_per_frame":\([0-9.]*\).*/\1/')
        row="$row $ms ms |"
    done
    echo "$row"
done

# The figure.
"$py" - "$out" <<'PY'
import sys
from PIL import Image, ImageDraw
out = sys.argv[1]
def canvas():  # a blank page as the studio's D makes it: white paper held at 32/255 (Canvas.paperAlpha)
    return Image.new("RGBA", (64, 64), (255, 255, 255, 32))
smile = canvas(); d = ImageDraw.Draw(smile)
d.ellipse((10, 10, 54, 54), fill=(250, 200, 40, 255))
d.ellipse((22, 24, 28, 32), fill=(70, 40, 20, 255)); d.ellipse((36, 24, 42, 32), fill=(70, 40, 20, 255))
d.arc((20, 26, 44, 46), 20, 160, fill=(70, 40, 20, 255), width=3)
smile.save(f"{out}/sketch-emoji.png")
letter = canvas(); d = ImageDraw.Draw(letter)
d.rectangle((14, 12, 50, 19), fill=(0, 0, 0, 255)); d.rectangle((28, 12, 36, 52), fill=(0, 0, 0, 255))
letter.save(f"{out}/sketch-glyphs.png")
tile = canvas(); d = ImageDraw.Draw(tile)
d.rounded_rectangle((8, 8, 56, 56), radius=10, fill=(40, 120, 220, 255))
d.ellipse((22, 22, 42, 42), fill=(255, 255, 255, 255))
tile.save(f"{out}/sketch-icons.png")
PY
for style in emoji glyphs icons; do
    "$ganvas" encode "$out/sketch-$style.png" --style "$style" --fill --out "$out/painted-$style.png" 2>/dev/null >/dev/null
done
grey_source=$(ls "$eval_dir/emoji"/*.png | sed -n 13p)
hole_source=$(ls "$eval_dir/emoji"/*.png | sed -n 10p)
"$py" - "$out" "$grey_source" "$hole_source" <<'PY'
import sys
from PIL import Image
out, grey, hole = sys.argv[1:4]
Image.open(grey).convert("L").save(f"{out}/grey.png")
im = Image.open(hole).convert("RGBA")
px = im.load()
for y in range(16, 48):
    for x in range(16, 48):
        px[x, y] = (0, 0, 0, 0)
im.save(f"{out}/holed.png")
PY
for style in emoji icons; do
    "$ganvas" encode "$out/grey.png" --style "$style" --match luma --out "$out/colourised-$style.png" 2>/dev/null >/dev/null
done
"$ganvas" encode "$out/holed.png" --style emoji --fill --out "$out/filled.png" 2>/dev/null >/dev/null
"$py" - "$out" <<'PY'
import sys
from PIL import Image, ImageDraw
out = sys.argv[1]
def tile(path, transparent=False):
    im = Image.open(path).convert("RGBA")
    back = Image.new("RGBA", im.size, (255, 255, 255, 255))
    if transparent:  # as the canvas shows a sketch: unknown pixels a light checkerboard, paper faded
        px, src = back.load(), im.load()
        for y in range(im.height):
            for x in range(im.width):
                check = 206 if (x // 4 + y // 4) % 2 == 0 else 232
                r, g, b, a = src[x, y]
                share = 0 if a == 0 else (255 if a == 255 else 200)
                px[x, y] = tuple((c * share + check * (255 - share)) // 255 for c in (r, g, b)) + (255,)
        return back.convert("RGB").resize((128, 128), Image.NEAREST)
    back.alpha_composite(im)
    return back.convert("RGB").resize((128, 128), Image.NEAREST)
cells = []
for s in ["emoji", "glyphs", "icons"]:
    cells += [tile(f"{out}/sketch-{s}.png", True), tile(f"{out}/painted-{s}.png")]
cells += [tile(f"{out}/grey.png"), tile(f"{out}/colourised-emoji.png"), tile(f"{out}/colourised-icons.png"),
          tile(f"{out}/holed.png", True), tile(f"{out}/filled.png")]
gap = 6
figure = Image.new("RGB", (6 * 128 + 5 * gap + 24, 2 * 128 + gap), "white")
x = 0
for i, c in enumerate(cells[:6]):
    figure.paste(c, (i * (128 + gap) + (i // 2) * 12, 0))
for i, c in enumerate(cells[6:]):
    figure.paste(c, (i * (128 + gap) + (i // 3) * 24, 128 + gap))
figure.save("bench/screenshots/canvas.png")
print("wrote bench/screenshots/canvas.png")
PY
