#!/usr/bin/env bash
# The studio's speed, as a user feels it (issue 13): first picture on screen after start, one
# slider step per preview format at 120x40, and opening the gallery with 2,000 pictures.
#   bench/studio.sh [--runs N] [--style NAME]     (uses .build/release/ganvas; builds it when missing)
# First picture: the studio is started in a detached tmux pane (120x40, text preview, tmux answers
# the terminal probe) and the pane is read every few ms until the studio is drawn and no longer
# says "rendering" (it does until the first picture is on screen);
# the time from launch to that read is one run (so it includes tmux's own redraw, a little high).
# Prints medians with ranges and writes them to bench/RESULTS-studio.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=9; style=glyphs
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --style) style="$2"; shift 2 ;;
        *) echo "usage: bench/studio.sh [--runs N] [--style NAME]" >&2; exit 2 ;;
    esac
done
[ -x .build/release/ganvas ] || swift build -c release >/dev/null
for tool in tmux python3; do command -v "$tool" >/dev/null || { echo "studio.sh: needs $tool" >&2; exit 1; }; done
work=$(mktemp -d); trap 'tmux -L ganvas-bench kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
# Laid out as an install (PREFIX/bin/ganvas beside PREFIX/share/ganvas/): a copied binary outside the
# checkout finds this checkout's styles, themes and presets there, not only what is installed.
mkdir -p "$work/bin" "$work/share/ganvas"
cp .build/release/ganvas "$work/bin/ganvas"
for shipped in models themes presets; do ln -s "$PWD/$shipped" "$work/share/ganvas/$shipped"; done
export XDG_PICTURES_DIR="$work/pictures" XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"

first_picture() {
    python3 - "$work/bin/ganvas" "$style" "$runs" <<'PY'
import subprocess, sys, time
ganvas, style, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def tmux(*a): return subprocess.run(["tmux", "-L", "ganvas-bench", *a], capture_output=True, text=True)
times = []
tmux("kill-server")
tmux("new-session", "-d", "-x", "120", "-y", "40", "sleep 1000")
for _ in range(runs):
    start = time.perf_counter()
    pane = tmux("new-window", "-d", "-P", "-F", "#{pane_id}", f"{ganvas} --style {style}").stdout.strip()
    screen = ""
    while time.perf_counter() - start < 5:
        screen = tmux("capture-pane", "-p", "-t", pane).stdout
        if "Preview" in screen and "rendering" not in screen: break
        time.sleep(0.003)
    else:
        print("studio.sh: no picture after 5 s; the pane showed:\n" + screen, file=sys.stderr)
    times.append((time.perf_counter() - start) * 1000)
    tmux("kill-pane", "-t", pane)
times.sort()
print(f"{times[len(times)//2]:.0f} ms median ({times[0]:.0f}-{times[-1]:.0f}, {len(times)} starts)")
PY
}

echo "first picture on screen (tmux 120x40, $style):"
first=$(first_picture); echo "  $first"
echo "one slider step, 120x40 (ganvas bench --frame):"
steps=""
for format in sixel kitty blocks halfblocks quadrants sextants; do
    line=$("$work/bin/ganvas" bench --style "$style" --frame "$format" --terminal 120x40 --seconds 2 | sed 's/^[^:]*: //')
    echo "  $format: $line"; steps+="| $format | ${line%% ms*} |"$'\n'
done
echo "gallery open, 2,000 pictures (ganvas bench --gallery):"
mkdir -p "$work/pictures"
"$work/bin/ganvas" generate --style "$style" --count 2000 --seed 1 > /dev/null
gallery=$("$work/bin/ganvas" bench --gallery "$work/pictures/ganvas" --terminal 120x40); echo "  $gallery"

{
    echo "# Studio speed"
    echo
    echo "$(date -u +%Y-%m-%d), $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; \`bench/studio.sh --runs $runs --style $style\`"
    echo
    echo "- First picture on screen: $first (target ≤ 150 ms)"
    echo "- Gallery: $gallery (target ≤ 150 ms)"
    echo
    echo "| one slider step, 120x40 | ms (median) |"
    echo "| --- | --- |"
    printf '%s' "$steps"
    echo
    echo "Target for a step: ≤ 16 ms in every format."
} > bench/RESULTS-studio.md
echo "written to bench/RESULTS-studio.md"
