#!/usr/bin/env bash
# The README's studio picture: the real program in a real sixel terminal (xterm -ti vt340) on a
# virtual X display, keys typed into it, the screen captured. Needs Xvfb, xterm, xdotool and
# ImageMagick's `import` (Debian: xvfb xterm xdotool imagemagick).
#   bench/studio_screenshot.sh [OUT.png] [KEYS...]     # default: bench/screenshots/studio.png, no keys
# KEYS are xdotool key names (n, Right, Return, ...), each typed a second apart.
# STUDIO_ARGS (e.g. "--style icons --theme light") go to the studio; it starts in STUDIO_DIR
# (default: the repository), where its open dialog (o) lists files. XTERM_BG / XTERM_FG (default
# black / white; white / black for a light theme) and XTERM_SIZE (default 100x30) set the terminal.
# Runs with a fresh HOME and gallery, so nothing of yours shows or changes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/screenshots/studio.png}
shift || true
keys=("$@")
bin=.build/release/ganvas
[[ -x $bin ]] || swift build -c release
for tool in Xvfb xterm xdotool import; do
    command -v "$tool" >/dev/null || { echo "studio_screenshot.sh: needs $tool" >&2; exit 1; }
done
home=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$home"' EXIT
sleep 1
DISPLAY=$display HOME=$home XDG_PICTURES_DIR=$home/pictures GANVAS_MODELS=$PWD/models \
    xterm -ti vt340 -geometry "${XTERM_SIZE:-100x30}+0+0" -fa 'DejaVu Sans Mono' -fs 11 \
    -bg "${XTERM_BG:-black}" -fg "${XTERM_FG:-white}" \
    -xrm 'XTerm*decTerminalID: vt340' -xrm 'XTerm*numColorRegisters: 256' \
    -e bash -c 'cd "$1" && shift && exec "$@"' - "${STUDIO_DIR:-$PWD}" "$PWD/$bin" ${STUDIO_ARGS:-} &
sleep 3
# Keys go through XTEST to the focused window: xterm ignores synthetic (SendEvent) keys.
window=$(DISPLAY=$display xdotool search --class xterm | tail -1)
DISPLAY=$display xdotool windowfocus "$window" 2>/dev/null || true
for key in ${keys[@]+"${keys[@]}"}; do
    DISPLAY=$display xdotool key "$key" 2>/dev/null
    sleep "${KEY_DELAY:-1}"
done
sleep 2
DISPLAY=$display import -window "$(DISPLAY=$display xdotool search --class xterm | head -1)" "$out"
DISPLAY=$display xdotool key q 2>/dev/null
sleep 1
echo "wrote $out"
