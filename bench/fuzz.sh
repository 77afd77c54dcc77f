#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser that reads untrusted files, with libFuzzer and AddressSanitizer.
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s; targets: model png recipe theme preset graph)
# The graph target is differential: random valid graphs (FuzzTargets/RandomGraphs.swift), the fast plan
# against the reference kernels on the graph as written; a mismatch stops the run like a crash.
# Builds ganvas-fuzz with -sanitize=fuzzer,address into .build-fuzz, runs each target from its corpus
# (Tests/ReliabilityTests/Corpus/TARGET, grown in .build-fuzz/corpus/TARGET), and prints executions and
# crashes per target. Crashing inputs are copied to Tests/ReliabilityTests/Crashers/TARGET, which
# `swift test` replays (FuzzCorpusTests); add them to git with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(model png recipe theme preset graph)
scratch=.build-fuzz
mkdir -p "$scratch"
if ! swift build -c release --product ganvas-fuzz --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING > "$scratch/build.log" 2>&1; then
    grep -E "error" "$scratch/build.log" | head -20; echo "fuzz.sh: the fuzzing build failed (log: $scratch/build.log)" >&2; exit 1
fi
bin="$scratch/release/ganvas-fuzz"
printf '%-8s %12s %10s %8s %s\n' target executions "exec/s" crashes corpus
for target in "${targets[@]}"; do
    work="$scratch/corpus/$target"; artifacts="$scratch/artifacts/$target"
    # Crashers of earlier runs were copied to Tests/ already: count only this run's.
    rm -rf "$artifacts"
    mkdir -p "$work" "$artifacts"
    cp -n Tests/ReliabilityTests/Corpus/"$target"/* "$work"/ 2>/dev/null || true
    log="$scratch/$target.log"
    # A crash stops libFuzzer (exit != 0); the Swift backtracer would wait for a terminal: off.
    SWIFT_BACKTRACE=enable=no GANVAS_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 \
        timeout $((seconds + 60)) "$bin" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" > "$log" 2>&1 || true
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    crashes=$(find "$artifacts" -type f | wc -l)
    printf '%-8s %12s %10s %8s %s\n' "$target" "$runs" "$((runs / seconds))" "$crashes" "$(ls "$work" | wc -l) inputs"
    if [ "$crashes" -gt 0 ]; then
        mkdir -p Tests/ReliabilityTests/Crashers/"$target"
        cp "$artifacts"/* Tests/ReliabilityTests/Crashers/"$target"/
        echo "  crashers copied to Tests/ReliabilityTests/Crashers/$target; see $log"
    fi
done
