#!/usr/bin/env bash
# The README's canvas screenshot: in the studio, glyphs chosen, `D` (a blank page), and a T
# painted with the keyboard (black, 8 px brush: a bar of dabs 4 px apart, then the stem), in
# xterm -ti vt340; the style's letter on the right. Needs what bench/studio_screenshot.sh needs.
#   bench/studio_canvas_screenshot.sh [OUT.png]     # default: bench/screenshots/studio-canvas.png
set -euo pipefail
cd "$(dirname "$0")/.."
keys=(shift+Tab Down Return Tab D 1 bracketright bracketright K K H H space)
for _ in $(seq 8); do keys+=(Right Right Right Right space); done
keys+=(H H)
for _ in $(seq 9); do keys+=(Down Down Down Down space); done
for _ in $(seq 20); do keys+=(shift); done  # about 4 s for the refinement to come in
KEY_DELAY=${KEY_DELAY:-0.2} exec bench/studio_screenshot.sh "${1:-bench/screenshots/studio-canvas.png}" "${keys[@]}"
