#!/usr/bin/env python3
"""The GPU kit: trains every style of styles.json at once, on one GPU, from packed data sets
(pack.py), then exports each as a model file with its grid, evaluates it (tools/evaluate.py) and
writes the figures into its card.  One command, for a session that is
lent the device machine (see tools/README.md, "The GPU kit"):

    python3 tools/kit/run.py kitdata "$OUT"                 # on the device: CUDA, ~8 min of training
    python3 tools/kit/run.py kitdata /tmp/kit-out --rehearse  # here: CPU, a few steps, under 5 minutes

Writes OUT/NAME.safetensors and OUT/NAME.png per style, and OUT/kit.log (every trainer's last lines,
the export summaries and evaluations): 7 files for three styles, each far under the device tool's
16 MiB.  Replace a shipped model only when it measures better than the one in models/.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)

# The device run: ngf 48 keeps an SLE model's F16 file near 6 MB (shipped networks stay under 8 MB);
# nearest + 3x3 upsampling measured better than free transposed convolutions at equal steps
# (tools/README.md, "Nearest upsampling in G"), and exports to the same graph.
GPU = ["--device", "cuda", "--arch", "sle", "--upsample", "nearest", "--ngf", "48", "--batch", "64", "--minutes", "7",
       "--ckpt-every", "2000", "--sample-every", "2000", "--log-every", "500"]
# Evaluation (tools/evaluate.py) of each exported model, whose JSON goes into its card.
GPU_EVALUATION = ["--count", "1024", "--threads", "4"]
REHEARSAL_EVALUATION = ["--count", "32", "--seeds", "0", "--blank-count", "64"]
REHEARSAL = ["--device", "cpu", "--threads", "1", "--arch", "sle", "--upsample", "nearest", "--ngf", "8", "--batch", "8", "--steps", "6",
             "--ckpt-every", "3", "--sample-every", "3", "--log-every", "3"]


def export_command(name, style, runs, out):
    return [sys.executable, os.path.join(TOOLS, "export.py"), os.path.join(runs, name, "last.pt"),
            os.path.join(out, name + ".safetensors"), "--name", name,
            "--description", style["description"], "--dataset", style["dataset"], "--license", style["license"]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="folder of NAME.npz files (pack.py)")
    ap.add_argument("out", help="where the models, grids and kit.log go")
    ap.add_argument("--rehearse", action="store_true", help="CPU, a few steps: checks the whole path")
    ap.add_argument("--styles", nargs="*", help="a subset of styles.json (default: all)")
    args = ap.parse_args()

    styles = json.load(open(os.path.join(HERE, "styles.json")))
    names = args.styles or list(styles)
    missing = [n for n in names if n not in styles or not os.path.exists(os.path.join(args.data, n + ".npz"))]
    if missing:
        sys.exit(f"no packed data set for {', '.join(missing)} in {args.data} (tools/kit/pack.py)")
    os.makedirs(args.out, exist_ok=True)
    runs = tempfile.mkdtemp(prefix="ganvas-kit-")
    start = time.time()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    trainers = {}
    for name in names:
        cmd = [sys.executable, os.path.join(TOOLS, "train.py"), os.path.join(args.data, name + ".npz"),
               os.path.join(runs, name), "--augment", styles[name]["augment"]] + (REHEARSAL if args.rehearse else GPU)
        trainers[name] = subprocess.Popen(cmd, stdout=open(os.path.join(runs, name + ".log"), "w"),
                                          stderr=subprocess.STDOUT, env=env)
        print(f"training {name}: {' '.join(cmd[1:])}", flush=True)
    failed = [n for n, p in trainers.items() if p.wait() != 0]
    log = [f"kit: {'rehearsal' if args.rehearse else 'GPU run'}, styles {', '.join(names)}, "
           f"training took {time.time() - start:.0f} s"]
    for name in names:
        lines = open(os.path.join(runs, name + ".log")).read().splitlines()
        log += [f"--- {name} (last lines of train.py)"] + lines[-6:]
    exports = {}
    for name in names:
        if name not in failed:
            exports[name] = subprocess.Popen(export_command(name, styles[name], runs, args.out), stdout=subprocess.PIPE,
                                             stderr=subprocess.STDOUT, text=True, env=env)
    quality = {}
    for name, export in exports.items():
        log += [f"--- {name} (export)"] + export.communicate()[0].splitlines()
        if export.returncode != 0:
            failed.append(name)
            continue
        evaluation = [sys.executable, os.path.join(TOOLS, "evaluate.py"), "--real", os.path.join(args.data, name + ".npz"),
                      "--model", os.path.join(args.out, name + ".safetensors"), "--json"]
        quality[name] = subprocess.Popen(evaluation + (REHEARSAL_EVALUATION if args.rehearse else GPU_EVALUATION),
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    for name, evaluation in quality.items():
        output = evaluation.communicate()[0].strip()
        log += [f"--- {name} (evaluate.py)", output]
        if evaluation.returncode != 0:
            failed.append(name)
            continue
        card = subprocess.run(export_command(name, styles[name], runs, args.out) + ["--quality", output.splitlines()[-1]],
                              capture_output=True, text=True, env=env)
        if card.returncode != 0:
            log.append(card.stdout + card.stderr)
            failed.append(name)
    log.append(f"kit: done in {time.time() - start:.0f} s; failed: {', '.join(failed) or 'none'}")
    with open(os.path.join(args.out, "kit.log"), "w") as f:
        f.write("\n".join(log) + "\n")
    print("\n".join(log))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
