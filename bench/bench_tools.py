"""Helpers of the show benchmark (bench/show.py): pictures and their PSNR, timing with hyperfine,
running the tools, and the report's tables."""
import json
import os
import platform
import shlex
import statistics
import subprocess

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_rgb(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64)


def psnr(a, b):
    mse = np.mean((np.asarray(a, np.float64) - np.asarray(b, np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def blur(image, sigma=1.0):
    return np.stack([gaussian_filter(image[..., c], sigma) for c in range(3)], axis=-1)


def hyperfine(commands, runs, warmup, rounds, json_dir):
    """Median seconds of each command: `rounds` hyperfine calls, each running all commands
    (alternating their order), every run's time pooled. Also the per-round ratios cmd0/cmd1."""
    times = {c: [] for c in commands}
    ratios = []
    for k in range(rounds):
        order = commands if k % 2 == 0 else commands[::-1]
        path = os.path.join(json_dir, f"hf-{k}.json")
        r = subprocess.run(["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                            "--export-json", path] + order, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
        if r.returncode != 0:
            raise SystemExit(f"hyperfine failed: {r.stderr}")
        with open(path) as f:
            results = json.load(f)["results"]
        medians = {}
        for cmd, res in zip(order, results):
            times[cmd] += res["times"]
            medians[cmd] = res["median"]
        ratios.append(medians[commands[0]] / medians[commands[1]])
    return {c: statistics.median(t) for c, t in times.items()}, ratios


def run_bytes(argv):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({r.returncode}): {r.stderr.decode(errors='replace')}")
    return r.stdout


def sh(argv):
    return " ".join(shlex.quote(a) for a in argv)


def rel(path):
    return os.path.relpath(path, ROOT)


def version(argv):
    try:
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=10)
        return r.stdout.strip().splitlines()[0] if r.stdout.strip() else "?"
    except Exception:
        return "?"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def table(header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    md = ["| " + " | ".join(str(h) for h in header) + " |",
          "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    md += ["| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |" for r in rows]
    return "\n".join(md)


def sheet(path, images, labels):
    """Side by side, each at the same size, for looking at."""
    h, w = images[0].shape[:2]
    out = Image.new("RGB", (w * len(images), h))
    for k, im in enumerate(images):
        out.paste(Image.fromarray(np.clip(np.rint(im), 0, 255).astype(np.uint8)), (k * w, 0))
    out.save(path)
