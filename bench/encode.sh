#!/bin/bash
# The README's "Bring your own picture" table: for each style, `ganvas encode`'s default budget on
# its held-out real pictures and on pictures from outside every style, against the best of 2,048
# random seeds (mean RMS error on 0-255, one thread), plus a sheet per style
# (target | best random seed | encoded).
#
#   python3 tools/make_encode_eval.py /work/data /work/data/encode_eval
#   PYTHON=~/.venvs/ganvas/bin/python bench/encode.sh /work/data/encode_eval [OUT_DIR]   # Python with Pillow
set -euo pipefail
eval_dir=${1:?usage: bench/encode.sh EVAL_DIR [OUT_DIR]}
out=${2:-/tmp/ganvas-encode}
mkdir -p "$out"
swift build -c release >/dev/null
ganvas=.build/release/ganvas
echo "| style | pictures | best of 2,048 seeds | encoder's guess | encode (default budget) | ratio | ms a picture (max) |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for style in emoji glyphs icons; do
    for set in "$style" outside; do
        json=$("$ganvas" bench --encode --style "$style" --json --sheet "$out/$style-$set.png" "$eval_dir/$set"/*.png)
        "${PYTHON:-python3}" - "$style" "$set" "$json" <<'PY'
import json, sys
style, which, r = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
label = "held-out real" if which == style else "outside (5 photos, 3 gradients)"
print(f"| `{style}` | {label}, {r['pictures']} | {r['random_rms']:.1f} | {r['start_rms']:.1f} | {r['encoded_rms']:.1f} | "
      f"{r['ratio']:.2f}x | {r['ms_mean']:.0f} ({r['ms_max']:.0f}) |")
PY
    done
done

# The README's figure: per style, three of its held-out pictures and two from outside (a photo, a
# gradient), each row target | best random seed | encoded; the styles side by side.
for style in emoji glyphs icons; do
    held=("$eval_dir/$style"/*.png)
    "$ganvas" bench --encode --style "$style" --json --sheet "$out/figure-$style.png" \
        "${held[0]}" "${held[5]}" "${held[10]}" "$eval_dir/outside/photo-chelsea.png" "$eval_dir/outside/gradient-linear.png" >/dev/null
done
"${PYTHON:-python3}" - "$out" <<'PY'
import sys
from PIL import Image
out = sys.argv[1]
sheets = [Image.open(f"{out}/figure-{s}.png") for s in ["emoji", "glyphs", "icons"]]
figure = Image.new("RGB", (sum(s.width for s in sheets) + 16 * 2, sheets[0].height), "white")
x = 0
for sheet in sheets:
    figure.paste(sheet, (x, 0))
    x += sheet.width + 16
figure.save("bench/screenshots/encode.png")
print("wrote bench/screenshots/encode.png")
PY
