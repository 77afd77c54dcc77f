#!/usr/bin/env python3
"""Measures every kept snapshot of a training run and names the best (quality is not monotonic:
a run can get worse for thousands of steps), so the one shipped is the best measured.

    python3 tools/snapshots.py /work/data/runs/emoji_hinge --real /work/data/emoji
    python3 tools/snapshots.py RUN_DIR --real DATA --count 512 --seeds 0 --every 4000   # quicker

Each `step_N.pt` (and `last.pt`) is exported (F16, as shipped) to RUN_DIR/snapshots/ and measured
with evaluate.py; results are cached there as JSON, so a second call only measures new snapshots.
The best has the lowest mean SWD-to-floor ratio over the 64, 32 and 16 px levels; precision and
recall are shown beside it (with --features, in feature space too), to be weighed by eye with the
grids (exported beside each model).
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import torch

TOOLS = os.path.dirname(os.path.abspath(__file__))


def snapshots(run_dir, every):
    found = []
    for path in glob.glob(os.path.join(run_dir, "step_*.pt")):
        step = int(re.search(r"step_(\d+)\.pt$", path).group(1))
        if step % every == 0:
            found.append((step, path))
    last = os.path.join(run_dir, "last.pt")
    if os.path.exists(last):
        # A running trainer replaces last.pt every few hundred steps: measure a copy, so the step
        # read here is the step of the weights exported later.
        copy = os.path.join(run_dir, "snapshots", "last-copy.pt")
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copyfile(last, copy)
        step = torch.load(copy, map_location="cpu", weights_only=False)["step"]
        if step not in {s for s, _ in found}:
            found.append((step, copy))
    return sorted(found)


def measure(step, path, out_dir, args):
    model = os.path.join(out_dir, f"step_{step:06d}.safetensors")
    tag = f"{args.count}-{'-'.join(map(str, args.seeds))}" + ("-features" if args.features else "")
    result = os.path.join(out_dir, f"step_{step:06d}-{tag}.json")
    if os.path.exists(result):
        with open(result) as f:
            return json.load(f)
    name = os.path.basename(os.path.normpath(args.run_dir)).split("_")[0].lower()
    name = re.sub(r"[^a-z0-9_-]", "", name) or "snapshot"
    subprocess.run([sys.executable, os.path.join(TOOLS, "export.py"), path, model, "--name", name,
                    "--description", f"snapshot at step {step}", "--dataset", args.real, "--license", "see the run"],
                   check=True, capture_output=True)
    out = subprocess.run([sys.executable, os.path.join(TOOLS, "evaluate.py"), "--real", args.real, "--model", model,
                          "--count", str(args.count), "--seeds", *map(str, args.seeds), "--json"]
                         + (["--features"] if args.features else []),
                         check=True, capture_output=True, text=True)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    with open(result + ".tmp", "w") as f:
        json.dump(res, f)
    os.replace(result + ".tmp", result)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run_dir")
    ap.add_argument("--real", required=True, help="the run's training pictures")
    ap.add_argument("--count", type=int, default=1024, help="N for evaluate.py")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="evaluation seeds for evaluate.py")
    ap.add_argument("--every", type=int, default=1, help="only snapshots whose step is a multiple of this")
    ap.add_argument("--features", action="store_true", help="evaluate.py --features: P and R in feature space too")
    args = ap.parse_args()
    found = snapshots(args.run_dir, args.every)
    if not found:
        sys.exit(f"{args.run_dir}: no step_*.pt or last.pt")
    out_dir = os.path.join(args.run_dir, "snapshots")
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    print(f"{'step':>7}  {'SWD / floor 64 / 32 / 16 px':<28} {'mean':>5}  {'P':>5} {'R':>5}"
          + (f"  {'feat P':>6} {'feat R':>6}" if args.features else ""), flush=True)
    for step, path in found:
        res = measure(step, path, out_dir, args)
        ratios = res["ratio"]["mean"][:3]
        score = sum(ratios) / len(ratios)
        rows.append((score, step, res))
        features = f"  {res['feature_precision']['mean']:6.2f} {res['feature_recall']['mean']:6.2f}" if args.features else ""
        print(f"{step:>7}  {' / '.join(f'{r:.2f}' for r in ratios):<28} {score:5.2f}  "
              f"{res['precision']['mean']:5.2f} {res['recall']['mean']:5.2f}{features}", flush=True)
    score, step, res = min(rows, key=lambda r: r[0])
    print(f"best: step {step} (mean ratio {score:.2f}); model {os.path.join(out_dir, f'step_{step:06d}.safetensors')}")


if __name__ == "__main__":
    main()
