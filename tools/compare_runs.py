#!/usr/bin/env python3
"""Two or more training runs side by side, from what snapshots.py measured: at equal steps, and
each of the first run's snapshots beside the others' nearest in training minutes (equal time),
which is the comparison that counts when a recipe's step costs more.

    python3 tools/snapshots.py RUN_A --real DATA --count 512 --seeds 0 --every 2000   # each run first
    python3 tools/compare_runs.py RUN_A RUN_B [--tag 512-0]

Reads RUN/snapshots/step_N-TAG.json (TAG is evaluate.py's count and seeds, as snapshots.py names
them) and RUN/log.jsonl for the training minutes at each step. Needs no PyTorch.
"""
import argparse
import glob
import json
import os
import re
import sys


def measured(run_dir, tag):
    """{step: (SWD ratios at 64/32/16 px, precision, recall)} of the run's measured snapshots."""
    found = {}
    for path in glob.glob(os.path.join(run_dir, "snapshots", f"step_*-{tag}.json")):
        match = re.search(r"step_(\d+)-" + re.escape(tag) + r"\.json$", path)
        if not match:
            continue
        with open(path) as f:
            res = json.load(f)
        found[int(match.group(1))] = (res["ratio"]["mean"][:3], res["precision"]["mean"], res["recall"]["mean"])
    return found


def training_minutes(run_dir):
    """[(step, training minutes)] from the run's log, in step order (empty when it has none)."""
    points = []
    path = os.path.join(run_dir, "log.jsonl")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                try:
                    row = json.loads(line)
                    points.append((int(row["step"]), float(row["train_min"])))
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a stopped run
    return sorted(points)


def minutes_at(points, step):
    """Training minutes at `step`: the logged point at or just before it (None before the first)."""
    before = [m for s, m in points if s <= step]
    return before[-1] if before else None


def describe(figures):
    ratios, precision, recall = figures
    mean = sum(ratios) / len(ratios)
    return f"{' / '.join(f'{r:.2f}' for r in ratios)} ({mean:.2f})  P {precision:.2f} R {recall:.2f}"


def equal_steps(runs):
    steps = sorted(set().union(*(set(r["measured"]) for r in runs)))
    lines = ["at equal steps (SWD / floor 64 / 32 / 16 px (mean), precision, recall):"]
    for step in steps:
        cells = [describe(r["measured"][step]) if step in r["measured"] else "-" for r in runs]
        lines.append(f"  {step:>7}  " + "  |  ".join(cells))
    return lines


def equal_time(runs, tolerance=0.15):
    """Each of the first run's snapshots beside the others' nearest in training minutes, where one
    lies within `tolerance` of its minutes (a run that has not got that far has nothing to show)."""
    reference, others = runs[0], runs[1:]
    lines = [f"at equal training minutes (within {tolerance:.0%}), {reference['name']}'s snapshots:"]
    for step in sorted(reference["measured"]):
        minutes = minutes_at(reference["minutes"], step)
        if minutes is None:
            continue
        partners = []
        for other in others:
            timed = [(abs(m - minutes), s, m) for s in other["measured"]
                     for m in [minutes_at(other["minutes"], s)] if m is not None]
            if timed and min(timed)[0] <= tolerance * minutes:
                _, s, m = min(timed)
                partners.append(f"      {other['name']} step {s} ({m:.0f} min): {describe(other['measured'][s])}")
        if partners:
            lines.append(f"  {reference['name']} step {step} ({minutes:.0f} min): {describe(reference['measured'][step])}")
            lines += partners
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="+", metavar="RUN_DIR")
    ap.add_argument("--tag", default="512-0", help="the measurement: evaluate.py's count and seeds (default 512-0)")
    args = ap.parse_args(argv)
    if len(args.runs) < 2:
        ap.error("give two or more runs")
    runs = []
    for run_dir in args.runs:
        found = measured(run_dir, args.tag)
        if not found:
            sys.exit(f"{run_dir}: no snapshots measured with tag {args.tag} (tools/snapshots.py)")
        runs.append({"name": os.path.basename(os.path.normpath(run_dir)), "measured": found,
                     "minutes": training_minutes(run_dir)})
    print("runs: " + "  |  ".join(r["name"] for r in runs))
    print("\n".join(equal_steps(runs) + equal_time(runs)))


if __name__ == "__main__":
    main()
