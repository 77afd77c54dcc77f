#!/bin/bash
# The README's style-mixing figure, made with the CLI as a user would: per style, a grid whose
# top row is six "colours" seeds and whose left column is six "shapes" seeds; each inner cell is
# `ganvas generate --seed SHAPES --colours-from COLOURS` (level 0: palette and finish).
#
#   bench/colours_figure.sh [OUT.png]      # needs ImageMagick's montage
set -euo pipefail
out=${1:-bench/screenshots/colours.png}
swift build -c release >/dev/null
ganvas=$PWD/.build/release/ganvas
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shapes=(1 2 3 4 5 6)
colours=(11 12 13 14 15 16)
for style in icons emoji; do
    cells=("xc:white")
    for c in "${colours[@]}"; do cells+=("$("$ganvas" generate --style $style --seed "$c" --size 128 --out "$work/$style-c$c.png")"); done
    for s in "${shapes[@]}"; do
        cells+=("$("$ganvas" generate --style $style --seed "$s" --size 128 --out "$work/$style-s$s.png")")
        for c in "${colours[@]}"; do
            cells+=("$("$ganvas" generate --style $style --seed "$s" --colours-from "$c" --size 128 --out "$work/$style-$s-$c.png")")
        done
    done
    montage "${cells[@]}" -tile 7x -geometry 128x128+3+3 "$work/$style-grid.png"
done
montage "$work/icons-grid.png" "$work/emoji-grid.png" -tile 2x -geometry +12+0 "$out"
echo "$out"
