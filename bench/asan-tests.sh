#!/usr/bin/env bash
# The whole test suite under AddressSanitizer (a separate build folder, .build-asan).
#   bench/asan-tests.sh [swift test options, e.g. --filter NeuralTests]
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 swift test --sanitize address --scratch-path .build-asan "$@"
