#!/bin/bash
# The README's "Bring your own picture" table: for each style, `ganvas encode`'s default budget on
# its held-out real pictures and on pictures from outside every style, against the best of 2,048
# random seeds (mean RMS error on 0-255, one thread), plus a sheet per style
# (target | best random seed | encoded).
#
#   python3 tools/make_encode_eval.py /work/data /work/data/encode_eval
#   bench/encode.sh /work/data/encode_eval [OUT_DIR]
set -euo pipefail
eval_dir=${1:?usage: bench/encode.sh EVAL_DIR [OUT_DIR]}
out=${2:-bench/encode}
mkdir -p "$out"
swift build -c release >/dev/null
ganvas=.build/release/ganvas
echo "| style | pictures | best of 2,048 seeds | encoder's guess | encode (default budget) | ratio | ms a picture (max) |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for style in emoji glyphs icons; do
    for set in "$style" outside; do
        json=$("$ganvas" bench --encode --style "$style" --json --sheet "$out/$style-$set.png" "$eval_dir/$set"/*.png)
        python3 - "$style" "$set" "$json" <<'PY'
import json, sys
style, which, r = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
label = "held-out real" if which == style else "outside (5 photos, 3 gradients)"
print(f"| `{style}` | {label}, {r['pictures']} | {r['random_rms']:.1f} | {r['start_rms']:.1f} | {r['encoded_rms']:.1f} | "
      f"{r['ratio']:.2f}x | {r['ms_mean']:.0f} ({r['ms_max']:.0f}) |")
PY
    done
done
