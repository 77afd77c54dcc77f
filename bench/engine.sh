#!/usr/bin/env bash
# Ganvas's engine against onnxruntime (and PyTorch) on the same model, in one run; see bench/README.md.
#   bench/engine.sh [--build] [engine.py options: --seconds S --rounds R --runs N --no-torch --no-styles]
# Needs python3 with numpy, onnx, onnxruntime (tools/requirements.txt) and hyperfine; torch only for the
# optional PyTorch column. Writes bench/RESULTS-engine.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/ganvas
if [[ "${1:-}" == "--build" ]]; then shift; swift build -c release; fi
if [[ ! -x "$BIN" ]]; then swift build -c release; fi
command -v hyperfine >/dev/null || { echo "engine.sh: needs hyperfine" >&2; exit 1; }
PYTHON="${PYTHON:-python3}"  # e.g. PYTHON=~/.venvs/ganvas/bin/python
"$PYTHON" -c "import onnx, onnxruntime" 2>/dev/null || { echo "engine.sh: pip install onnx onnxruntime (see tools/requirements.txt), or set PYTHON" >&2; exit 1; }
exec "$PYTHON" bench/engine.py --ganvas "$BIN" "$@"
