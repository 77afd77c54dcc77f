#!/usr/bin/env python3
"""Ganvas's Swift engine against onnxruntime (and PyTorch) on the same model, in one run.

    python3 bench/engine.py [--ganvas PATH] [--seconds S] [--rounds R] [--no-torch] [--no-styles]
                            [--model CANDIDATE.safetensors ...] [--out bench/RESULTS-engine.md]

(bench/engine.sh is the entry point: it finds or builds the release binary and calls this.)

For each model — a random-weight DCGAN made here (ngf 64, z 128, 64x64, BN with non-trivial
running statistics; the logic of mkdcgan), every shipped style, models/*.safetensors, and each
--model file (a candidate generator, timed before it replaces a style):

  (a) single-picture latency, 1 thread, batch 1
  (b) batch-32 throughput, all cores (nproc threads), batch 32
      ganvas:      `ganvas bench --style M --threads T --batch B --seconds S --json` -> ms_per_image
                   (its own warm-up, then the median of the per-run times over S seconds / B)
      onnxruntime: tools/export_onnx.py's graph, CPUExecutionProvider, intra_op_num_threads=T,
                   inter_op_num_threads=1, ORT_SEQUENTIAL, ORT_ENABLE_ALL; timed the same way
                   (5 warm-up runs, then runs for S seconds, median / B)
      pytorch:     tools/ganvas_tools/torch_arch.forward under no_grad, torch.set_num_threads(T)
      The engines run interleaved (rounds of ganvas, ort, torch, in an order that rotates each
      round); the table shows the median over rounds, and the ganvas/ort ratio computed per round
      (median, range): latency ganvas_time/ort_time (<1 = ganvas faster); throughput
      ort_time/ganvas_time (>1 = ganvas faster).
  (d) start-up to first frame: `ganvas generate --style M --seed 1 --out X.png` as a whole process
      (hyperfine -N).
  (e) slider-to-frame: `ganvas bench --style M --frame FORMAT --json` for sextants, sixel and kitty: the
      studio's own render + preview-encode + write path, timed in-process (ms_per_frame).
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))

import numpy as np  # noqa: E402


def make_dcgan(path, ngf=64, latent=128):
    """A random-weight DCGAN generator with the layout of tools/ganvas_tools/gan.py (DCGAN init: N(0, 0.02)
    convolutions, BN weight N(1, 0.02), running statistics as after training); F16 file. NumPy
    only, so the benchmark runs where PyTorch does not."""
    from ganvas_tools.modelfile import write_model
    rng = np.random.default_rng(0)
    widths = [latent, 8 * ngf, 4 * ngf, 2 * ngf, ngf, 3]
    arch, tensors = [{"op": "reshape", "shape": [latent, 1, 1]}], {}
    for i in range(5):
        name = f"net.{3 * i}."
        stride, padding = (1, 0) if i == 0 else (2, 1)
        tensors[name + "weight"] = rng.normal(0, 0.02, (widths[i], widths[i + 1], 4, 4))
        layer = {"op": "conv_transpose2d", "weight": name + "weight", "stride": stride, "padding": padding,
                 "output_padding": 0}
        if i == 4:
            tensors[name + "bias"] = rng.normal(0, 0.02, 3)
            arch += [dict(layer, bias=name + "bias"), {"op": "tanh"}]
            break
        bn, c = f"net.{3 * i + 1}.", widths[i + 1]
        tensors.update({bn + "weight": rng.normal(1, 0.02, c), bn + "bias": np.zeros(c),
                        bn + "running_mean": rng.uniform(-0.5, 0.5, c), bn + "running_var": rng.uniform(0.5, 2, c)})
        arch += [layer, {"op": "batchnorm", "weight": bn + "weight", "bias": bn + "bias", "mean": bn + "running_mean",
                         "var": bn + "running_var", "eps": 1e-5}, {"op": "relu"}]
    write_model(path, tensors, arch,
                {"name": f"dcgan{ngf}", "description": f"random DCGAN ngf {ngf}", "resolution": "64",
                 "latent_dim": str(latent), "dataset": "none (random weights)", "license": "CC0-1.0",
                 "steps": "0", "training": "none", "quality": "{}"}, dtype="F16")


def time_loop(fn, seconds, batch):
    for _ in range(5):
        fn()
    times, start = [], time.perf_counter()
    while len(times) < 5 or time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times) / batch


class Ort:
    name = "onnxruntime"

    def __init__(self, onnx_path, latent):
        import onnxruntime as ort
        self.ort, self.path, self.latent, self.sessions = ort, onnx_path, latent, {}

    def run(self, threads, batch, seconds):
        if threads not in self.sessions:
            o = self.ort.SessionOptions()
            o.intra_op_num_threads = threads
            o.inter_op_num_threads = 1
            o.execution_mode = self.ort.ExecutionMode.ORT_SEQUENTIAL
            o.graph_optimization_level = self.ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self.sessions[threads] = self.ort.InferenceSession(self.path, o, providers=["CPUExecutionProvider"])
        sess = self.sessions[threads]
        z = np.random.default_rng(1).standard_normal((batch, self.latent)).astype(np.float32)
        return time_loop(lambda: sess.run(["image"], {"z": z}), seconds, batch)


class Torch:
    name = "pytorch"

    def __init__(self, model_path):
        import torch
        from ganvas_tools import torch_arch
        from ganvas_tools.modelfile import read_model
        tensors, self.arch, meta = read_model(model_path)
        self.torch, self.fwd = torch, torch_arch.forward
        self.tensors = {k: torch.from_numpy(v) for k, v in tensors.items()}
        self.latent = int(meta["ganvas.latent_dim"])

    def run(self, threads, batch, seconds):
        self.torch.set_num_threads(threads)
        z = self.torch.from_numpy(np.random.default_rng(1).standard_normal((batch, self.latent)).astype(np.float32))
        return time_loop(lambda: self.fwd(self.arch, self.tensors, z), seconds, batch)


class Ganvas:
    name = "ganvas"

    def __init__(self, binary, model_path):
        self.binary, self.model = binary, model_path
        self.commands = []

    def run(self, threads, batch, seconds):
        cmd = [self.binary, "bench", "--style", self.model, "--threads", str(threads), "--batch", str(batch),
               "--seconds", str(seconds), "--json"]
        self.commands.append(" ".join(cmd))
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return float(json.loads(out.strip().splitlines()[-1])["ms_per_image"])


def hyperfine(commands, runs, workdir):
    """Median seconds of each command (hyperfine -N, one call, so they run in the same minute)."""
    out = os.path.join(workdir, "hf.json")
    cmd = ["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", out, "--style", "none"]
    cmd += commands
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    with open(out) as f:
        res = json.load(f)["results"]
    return [statistics.median(r["times"]) * 1e3 for r in res], " ".join(cmd[:-len(commands)]) + " " + " ".join(f"'{c}'" for c in commands)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ganvas", default=os.path.join(ROOT, ".build/release/ganvas"))
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=20, help="hyperfine runs per command")
    ap.add_argument("--no-torch", action="store_true")
    ap.add_argument("--no-styles", "--no-emoji", action="store_true", help="only the random DCGAN")
    ap.add_argument("--model", action="append", default=[], metavar="PATH",
                    help="also time this generator file (a candidate before it ships); repeatable")
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS-engine.md"))
    args = ap.parse_args()

    cores = os.cpu_count() or 1
    work = tempfile.mkdtemp(prefix="ganvas-engine-bench-")
    # A private copy of the binary: a rebuild during the run cannot mix two builds.
    binary = os.path.join(work, "ganvas")
    shutil.copy2(args.ganvas, binary)
    import onnxruntime
    from export_onnx import build_onnx
    from ganvas_tools.modelfile import read_model
    import onnx

    have_torch = False
    if not args.no_torch:
        try:
            import torch  # noqa: F401
            have_torch = True
        except ImportError:
            pass

    models = []
    dcgan = os.path.join(work, "dcgan64.safetensors")
    make_dcgan(dcgan)
    models.append(("dcgan64 (random, ngf 64)", dcgan))
    if not args.no_styles:
        import glob
        for path in sorted(glob.glob(os.path.join(ROOT, "models", "*.safetensors"))):
            if path.endswith((".upscaler.safetensors", ".encoder.safetensors")):
                continue  # styles only: upscalers are timed by `ganvas bench --upscaler`, encoders run once a picture
            models.append((os.path.basename(path)[:-len(".safetensors")], path))
    models += [(os.path.basename(path), os.path.abspath(path)) for path in args.model]

    configs = [("latency, 1 thread, batch 1 (ms/picture)", 1, 1),
               (f"throughput, {cores} threads, batch 32 (ms/picture)", cores, 32)]
    rows, commands = [], []
    for label, path in models:
        tensors, arch, meta = read_model(path)
        onnx_path = os.path.join(work, os.path.basename(path).replace(".safetensors", ".onnx"))
        onnx.save(build_onnx(tensors, arch, meta), onnx_path)
        engines = [Ganvas(binary, path), Ort(onnx_path, int(meta["ganvas.latent_dim"]))]
        if have_torch:
            engines.append(Torch(path))
        for clabel, threads, batch in configs:
            res = {e.name: [] for e in engines}
            for r in range(args.rounds):
                order = engines[r % len(engines):] + engines[:r % len(engines)]
                for e in order:
                    res[e.name].append(e.run(threads, batch, args.seconds))
            med = {k: statistics.median(v) for k, v in res.items()}
            rows.append((label, clabel, med, res))
            print(f"{label:26} {clabel:44} " + "  ".join(f"{k} {v:.3f}" for k, v in med.items()), flush=True)
        commands += sorted(set(engines[0].commands))

    # Start-up to first frame (a whole process), and the studio's slider step through its own code.
    startup = []
    frame_formats = ["sextants", "sixel", "kitty"]
    for label, path in models:
        png = os.path.join(work, "first.png")
        gen = f"{binary} generate --style {path} --seed 1 --out {png}"
        subprocess.run(gen.split(), check=True, capture_output=True)
        (t_gen,), hf_cmd = hyperfine([gen], args.runs, work)
        commands.append(hf_cmd)
        frames = {}
        for fmt_name in frame_formats:
            cmd = [binary, "bench", "--style", path, "--frame", fmt_name, "--seconds", str(args.seconds), "--json"]
            commands.append(" ".join(cmd))
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            frames[fmt_name] = float(json.loads(out.strip().splitlines()[-1])["ms_per_frame"])
        startup.append((label, t_gen, frames))

    # Report.
    def fmt(v):
        return f"{v:.3f}" if v < 10 else f"{v:.2f}"

    eng_names = ["ganvas", "onnxruntime"] + (["pytorch"] if have_torch else [])
    lines = ["| model | measurement | " + " | ".join(eng_names) + " | ganvas vs ort | goal | met |",
             "| --- | --- | " + " | ".join("---:" for _ in eng_names) + " | ---: | --- | --- |"]
    for label, clabel, med, res in rows:
        # Ratio per round (both engines measured within seconds of each other), median over rounds.
        if "latency" in clabel:
            per = [g / o for g, o in zip(res["ganvas"], res["onnxruntime"])]
            ratio = statistics.median(per)
            rtxt, goal, met = f"{ratio:.2f}x time ({min(per):.2f}–{max(per):.2f})", "≤ 0.75x time", ratio <= 0.75
        else:
            per = [o / g for g, o in zip(res["ganvas"], res["onnxruntime"])]
            ratio = statistics.median(per)
            rtxt, goal, met = f"{ratio:.2f}x throughput ({min(per):.2f}–{max(per):.2f})", "≥ 1.3x throughput", ratio >= 1.3
        lines.append(f"| {label} | {clabel} | " + " | ".join(fmt(med[n]) for n in eng_names)
                     + f" | {rtxt} | {goal} | {'yes' if met else 'NO'} |")
    lines.append("")
    lines.append("| model | start-up to first frame: `generate` whole process | "
                 + " | ".join(f"slider-to-frame, {f}" for f in frame_formats) + " | goals |")
    lines.append("| --- | ---: | " + " | ".join("---:" for _ in frame_formats) + " | --- |")
    for label, t_gen, frames in startup:
        cells = " | ".join(f"{fmt(frames[f])} ms {'(met)' if frames[f] <= 16 else '(MISSED)'}" for f in frame_formats)
        lines.append(f"| {label} | {fmt(t_gen)} ms {'(met)' if t_gen <= 150 else '(MISSED)'} | {cells} "
                     f"| start-up ≤ 150 ms; slider-to-frame ≤ 16 ms |")
    table = "\n".join(lines)
    per_round = "\n".join(f"- {label}, {clabel}: " + "; ".join(f"{k} " + " / ".join(fmt(x) for x in v) for k, v in res.items())
                          for label, clabel, _, res in rows)
    print()
    print(table)
    print()
    print(per_round)

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        load = open("/proc/loadavg").read().split()[:3]
    except OSError:
        load = ["?"]
    ver = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    versions = [ver, f"onnxruntime {onnxruntime.__version__}", f"onnx {onnx.__version__}",
                f"numpy {np.__version__}", f"python {platform.python_version()}"]
    if have_torch:
        import torch
        versions.append(f"torch {torch.__version__} ({torch.get_num_threads()} threads by default)")
    hf = subprocess.run(["hyperfine", "--version"], capture_output=True, text=True).stdout.strip()
    versions.append(hf)
    md = f"""# Engine benchmark: Ganvas against onnxruntime (and PyTorch)

Made by `bench/engine.sh{(" " + " ".join(sys.argv[3:])) if len(sys.argv) > 3 else ""}` on {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} ({time.strftime('%Z')}).

- Machine: {cores} cores (nproc), CPU "{cpu}", {platform.system()} {platform.release()}; load average at the end {' '.join(load)}.
- Versions: {'; '.join(versions)}.
- Each engine measurement is a median of per-run times over {args.seconds} s after warm-up, divided by the batch;
  {args.rounds} rounds with the engines interleaved (order rotating), the table shows the median over rounds.
  On a busy machine trust the ratios more than the milliseconds.
- onnxruntime runs the graph from `tools/export_onnx.py` (CPUExecutionProvider, intra_op_num_threads = the
  thread count, inter_op_num_threads 1, ORT_SEQUENTIAL, ORT_ENABLE_ALL); PyTorch runs
  `tools/ganvas_tools/torch_arch.forward` under `no_grad` with `torch.set_num_threads` = the thread count.
- Ratios: latency = ganvas time / ort time (goal ≤ 0.75); throughput = ort time / ganvas time (goal ≥ 1.3);
  computed per round and shown as the median over rounds (range in brackets).
- Slider-to-frame is `ganvas bench --frame FORMAT` (median ms per step): the studio's own code moves the first
  slider (recipe edit, render on the engine's one thread, preview encode for the preview rectangle of a 100x30
  terminal with 10x20 px cells, write to /dev/null). The terminal's own drawing is not included.
- Start-up to first frame is `ganvas generate` as a whole process (load model, generate, encode and write a PNG).

{table}

Per round (ms/picture):

{per_round}

Commands (the binary was copied to a temporary folder first; the DCGAN file is made there too):

```
{chr(10).join(commands)}
```
"""
    with open(args.out, "w") as f:
        f.write(md)
    print(f"\nwrote {os.path.relpath(args.out, os.getcwd())}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
