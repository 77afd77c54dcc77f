#!/usr/bin/env bash
# Installs the release build: PREFIX/bin/ganvas, and the styles, themes and presets it ships with
# in PREFIX/share/ganvas/ (the binary finds them from its own place; see README "Install").
#   swift build -c release && tools/install.sh [PREFIX]      # PREFIX: default ~/.local
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-$HOME/.local}
binary=${GANVAS_BINARY:-.build/release/ganvas}  # GANVAS_BINARY: another build (the tests install theirs)
[[ -x $binary ]] || { echo "install.sh: no $binary; run 'swift build -c release' first" >&2; exit 1; }
share=$prefix/share/ganvas
mkdir -p "$prefix/bin" "$share/models" "$share/themes" "$share/presets"
install -m 755 "$binary" "$prefix/bin/ganvas"
# The networks and their cards (each names its training data and licence); not the grids.
install -m 644 models/*.safetensors models/README.md "$share/models/"
install -m 644 themes/*.theme "$share/themes/"
install -m 644 presets/*.preset "$share/presets/"
echo "installed $prefix/bin/ganvas and $share"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on PATH" ;; esac
