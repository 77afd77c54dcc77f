#!/usr/bin/env bash
# Benchmark of `ganvas show` against img2sixel and chafa; see bench/README.md.
# usage: bench/show.sh [--build] [show.py options: --runs N --warmup N --rounds N --only a,b --skip-timing]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--build" ]; then
    shift
    swift build -c release
elif [ ! -x .build/release/ganvas ]; then
    echo "show.sh: no .build/release/ganvas; building it" >&2
    swift build -c release
elif [ -n "$(find Sources Package.swift -newer .build/release/ganvas -type f -print -quit)" ]; then
    echo "show.sh: note: some sources are newer than .build/release/ganvas (pass --build to rebuild)" >&2
fi

missing=()
for tool in img2sixel:libsixel-bin sixel2png:libsixel-bin chafa:chafa hyperfine:hyperfine; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "show.sh: missing tools; install with: apt-get install $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')" >&2
    exit 1
fi
python3 -c 'import numpy, scipy, PIL' 2>/dev/null || {
    echo "show.sh: needs python3 with numpy, scipy and pillow (pip install numpy scipy pillow)" >&2; exit 1; }

exec python3 bench/show.py "$@"
