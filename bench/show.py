#!/usr/bin/env python3
"""Benchmark of `ganvas show` against img2sixel (sixel) and chafa (text cells).

See bench/README.md. Writes the tables to stdout and to bench/RESULTS-show.md; decoded sixels,
text-cell rasters and side-by-side contact sheets go to bench/work/ (ignored by git).
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, "work")

COLS, ROWS = 64, 32
CELL_W, CELL_H = 24, 48  # fine sub-cell raster: 1:2 cells, divisible by 2, 3 and 8


# ---------------------------------------------------------------- measures

def load_rgb(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64)


def psnr(a, b):
    mse = np.mean((np.asarray(a, np.float64) - np.asarray(b, np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def blur(image, sigma=1.0):
    return np.stack([gaussian_filter(image[..., c], sigma) for c in range(3)], axis=-1)


def box_down(raster, width, height):
    h, w, _ = raster.shape
    if w % width or h % height:
        raise SystemExit(f"box_down: {w}x{h} is not a multiple of {width}x{height}")
    fy, fx = h // height, w // width
    return raster.reshape(height, fy, width, fx, 3).mean(axis=(1, 3))


# ---------------------------------------------------------------- glyphs

def _glyphs():
    """Coverage masks (CELL_H x CELL_W booleans, True = foreground ink) of every known glyph."""
    H, W = CELL_H, CELL_W
    y, x = np.mgrid[0:H, 0:W]
    top, bottom, left, right = y < H // 2, y >= H // 2, x < W // 2, x >= W // 2
    g = {" ": np.zeros((H, W), bool), "\u2588": np.ones((H, W), bool)}
    g["\u2580"] = top                                 # ▀
    g["\u2584"] = bottom                              # ▄
    g["\u258c"] = left                                # ▌
    g["\u2590"] = right                               # ▐
    ul, ur, ll, lr = top & left, top & right, bottom & left, bottom & right
    g["\u2598"] = ul                                  # ▘
    g["\u259d"] = ur                                  # ▝
    g["\u2596"] = ll                                  # ▖
    g["\u2597"] = lr                                  # ▗
    g["\u259a"] = ul | lr                             # ▚
    g["\u259e"] = ur | ll                             # ▞
    g["\u2599"] = ul | ll | lr                        # ▙
    g["\u259b"] = ul | ur | ll                        # ▛
    g["\u259c"] = ul | ur | lr                        # ▜
    g["\u259f"] = ur | ll | lr                        # ▟
    for n in range(1, 8):                             # ▁▂▃▄▅▆▇ lower n/8
        g[chr(0x2580 + n)] = y >= H - n * H // 8
    for n in range(1, 8):                             # ▉▊▋▌▍▎▏ left (8-n)/8
        g[chr(0x2588 + n)] = x < (8 - n) * W // 8
    g["\u2594"] = y < H // 8                          # ▔ upper 1/8
    g["\u2595"] = x >= W - W // 8                     # ▕ right 1/8
    # Sextants: sextant i+1 is bit i; 1..6 = top-left, top-right, middle-left, middle-right,
    # bottom-left, bottom-right. U+1FB00+k is the k-th mask of 1..62 without 21 (▌) and 42 (▐).
    parts = [(y < H // 3) & left, (y < H // 3) & right,
             (y >= H // 3) & (y < 2 * H // 3) & left, (y >= H // 3) & (y < 2 * H // 3) & right,
             (y >= 2 * H // 3) & left, (y >= 2 * H // 3) & right]
    k = 0
    for mask in range(1, 63):
        if mask in (21, 42):
            continue
        cover = np.zeros((H, W), bool)
        for i in range(6):
            if mask >> i & 1:
                cover |= parts[i]
        g[chr(0x1FB00 + k)] = cover
        k += 1
    assert k == 60 and 0x1FB00 + k - 1 == 0x1FB3B
    return g


GLYPHS = _glyphs()
# Shades are not coverage but a mix; chafa's block+sextant+space never picks them, but they are
# well defined (25/50/75 % ink), so they are known here too.
SHADES = {"\u2591": 0.25, "\u2592": 0.5, "\u2593": 0.75}


def _xterm256():
    base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255)]
    levels = [0, 95, 135, 175, 215, 255]
    cube = [(levels[i // 36], levels[i // 6 % 6], levels[i % 6]) for i in range(216)]
    grey = [(8 + 10 * i,) * 3 for i in range(24)]
    return base + cube + grey


XTERM = _xterm256()
DEFAULT_FG, DEFAULT_BG = (229, 229, 229), (0, 0, 0)  # a dark terminal; cells using them are counted


class Unknown(Exception):
    pass


def cell(ch, fg, bg, inverse):
    f, b = fg or DEFAULT_FG, bg or DEFAULT_BG
    if inverse:
        f, b = b, f
    return (ch, f, b, (fg is None and ch != " ") or bg is None)


def parse_ansi(text):
    """Cells of ANSI text: a list of rows, each a list of (char, fg, bg, used_default)."""
    rows, row = [], []
    fg = bg = None
    inverse = False
    last = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\x1b":
            m = re.compile(r"\x1b\[([0-9;:]*)([A-Za-z])").match(text, i)
            if not m:
                raise Unknown(f"escape sequence {text[i:i + 12]!r} at offset {i}")
            params, final = m.group(1), m.group(2)
            i = m.end()
            if final == "b":  # REP: the last character again, in the current colours
                if last is None:
                    raise Unknown("REP with no character before it")
                for _ in range(int(params or "1")):
                    row.append(cell(last, fg, bg, inverse))
                continue
            if final != "m":
                raise Unknown(f"CSI {params!r}{final} at offset {m.start()}")
            p = [int(v) if v else 0 for v in re.split("[;:]", params)] if params else [0]
            j = 0
            while j < len(p):
                v = p[j]
                if v == 0:
                    fg = bg = None
                    inverse = False
                elif v in (38, 48):
                    if p[j + 1] == 2:
                        c = tuple(p[j + 2:j + 5])
                        j += 4
                    elif p[j + 1] == 5:
                        c = XTERM[p[j + 2]]
                        j += 2
                    else:
                        raise Unknown(f"SGR {params!r}")
                    if v == 38:
                        fg = c
                    else:
                        bg = c
                elif v == 39:
                    fg = None
                elif v == 49:
                    bg = None
                elif v == 7:
                    inverse = True
                elif v == 27:
                    inverse = False
                elif 30 <= v <= 37:
                    fg = XTERM[v - 30]
                elif 40 <= v <= 47:
                    bg = XTERM[v - 40]
                elif 90 <= v <= 97:
                    fg = XTERM[v - 90 + 8]
                elif 100 <= v <= 107:
                    bg = XTERM[v - 100 + 8]
                else:
                    raise Unknown(f"SGR parameter {v} in {params!r}")
                j += 1
            continue
        i += 1
        if ch == "\n":
            rows.append(row)
            row, last = [], None
            continue
        if ch == "\r":
            continue
        if ch not in GLYPHS and ch not in SHADES:
            raise Unknown(f"character {ch!r} U+{ord(ch):04X}")
        last = ch
        row.append(cell(ch, fg, bg, inverse))
    if row:
        rows.append(row)
    return rows


def rasterise(rows):
    """The picture the cells show: COLS*CELL_W x ROWS*CELL_H pixels."""
    if len(rows) != ROWS or any(len(r) != COLS for r in rows):
        raise SystemExit(f"grid is {len(rows)} rows of {sorted(set(len(r) for r in rows))} cells, not {COLS}x{ROWS}")
    out = np.zeros((ROWS, CELL_H, COLS, CELL_W, 3))
    defaults = 0
    for r, row in enumerate(rows):
        for c, (ch, fg, bg, used_default) in enumerate(row):
            defaults += used_default
            fg, bg = np.array(fg, float), np.array(bg, float)
            if ch in SHADES:
                out[r, :, c, :] = SHADES[ch] * fg + (1 - SHADES[ch]) * bg
            else:
                out[r, :, c, :] = np.where(GLYPHS[ch][..., None], fg, bg)
    return out.reshape(ROWS * CELL_H, COLS * CELL_W, 3), defaults


SEXTANT_SET = [" ", "\u2588", "\u258c", "\u2590"] + [chr(0x1FB00 + k) for k in range(60)]


def best_cells(src, glyphs):
    """The closest picture (least squares, so the highest PSNR) that COLS x ROWS cells of these
    glyphs can show in truecolour: per cell and glyph, the two colours that fit the source pixels
    best given each pixel's ink coverage, rounded to integers; per cell, the best glyph."""
    h, w, _ = src.shape
    ph, pw = h // ROWS, w // COLS
    if ph * ROWS != h or pw * COLS != w or CELL_H % ph or CELL_W % pw:
        raise SystemExit(f"best_cells: {w}x{h} does not divide into {COLS}x{ROWS} cells of {CELL_W}x{CELL_H}")
    cells = src.reshape(ROWS, ph, COLS, pw, 3).transpose(0, 2, 1, 3, 4).reshape(ROWS * COLS, ph * pw, 3)
    best_err = np.full(ROWS * COLS, np.inf)
    best = np.zeros_like(cells)
    for ch in glyphs:
        a = GLYPHS[ch].astype(float).reshape(ph, CELL_H // ph, pw, CELL_W // pw).mean(axis=(1, 3)).reshape(-1)
        u, v = a, 1 - a
        suu, suv, svv = u @ u, u @ v, v @ v
        su = np.einsum("p,cpk->ck", u, cells)
        sv = np.einsum("p,cpk->ck", v, cells)
        det = suu * svv - suv * suv
        if abs(det) < 1e-9:  # one colour: all ink or none (or the same mix everywhere)
            mean = cells.mean(axis=1)
            fg = bg = mean
        else:
            fg = (svv * su - suv * sv) / det
            bg = (suu * sv - suv * su) / det
        fg, bg = np.clip(np.rint(fg), 0, 255), np.clip(np.rint(bg), 0, 255)
        shown = u[None, :, None] * fg[:, None, :] + v[None, :, None] * bg[:, None, :]
        err = ((shown - cells) ** 2).sum(axis=(1, 2))
        better = err < best_err
        best_err[better] = err[better]
        best[better] = shown[better]
    return best.reshape(ROWS, COLS, ph, pw, 3).transpose(0, 2, 1, 3, 4).reshape(h, w, 3)


# ---------------------------------------------------------------- timing

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


# ---------------------------------------------------------------- helpers

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


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ganvas", default=os.path.join(ROOT, ".build/release/ganvas"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="hyperfine calls per comparison, order alternating")
    parser.add_argument("--only", help="comma-separated picture names (e.g. tiny-256,astronaut-512)")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--out", default=os.path.join(BENCH, "RESULTS-show.md"))
    args = parser.parse_args()

    for tool in ("img2sixel", "sixel2png", "chafa", "hyperfine"):
        if not shutil.which(tool):
            raise SystemExit(f"show.py: {tool} is missing (apt-get install libsixel-bin chafa hyperfine)")
    if not os.path.exists(args.ganvas):
        raise SystemExit(f"show.py: no ganvas binary at {args.ganvas} (swift build -c release)")

    os.makedirs(WORK, exist_ok=True)
    # A snapshot of the binary, so a rebuild during the run cannot mix two builds.
    snap_dir = tempfile.mkdtemp(prefix="ganvas-bench-")
    ganvas = os.path.join(snap_dir, "ganvas")
    shutil.copy2(args.ganvas, ganvas)
    with open(ganvas, "rb") as f:
        ganvas_sha = hashlib.sha256(f.read()).hexdigest()[:16]
    ganvas_mtime = datetime.datetime.fromtimestamp(os.path.getmtime(args.ganvas)).isoformat(timespec="seconds")

    listing = subprocess.run([sys.executable, os.path.join(BENCH, "make_pictures.py"), "--ganvas", ganvas],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
    pictures = [line.split(" ", 1) for line in listing.splitlines() if line.strip()]
    if args.only:
        wanted = set(args.only.split(","))
        pictures = [p for p in pictures if p[0] in wanted]

    sixel_rows, text_rows, notes = [], [], []
    commands_used = {}
    for name, path in pictures:
        src = load_rgb(path)
        h, w, _ = src.shape
        src_blur = blur(src)
        d = os.path.join(WORK, name)
        os.makedirs(d, exist_ok=True)
        print(f"== {name} ({w}x{h}) {rel(path)}", file=sys.stderr, flush=True)

        # ---- sixel
        cmds = {"ganvas": [ganvas, "show", path, "--format", "sixel"], "img2sixel": ["img2sixel", path]}
        commands_used["sixel"] = {k: [os.path.basename(v[0])] + [a if a != path else "P.png" for a in v[1:]]
                                  for k, v in cmds.items()}
        res = {}
        decoded_images = {}
        for tool, argv in cmds.items():
            data = run_bytes(argv)
            six, png = os.path.join(d, f"{tool}.six"), os.path.join(d, f"{tool}-sixel.png")
            with open(six, "wb") as f:
                f.write(data)
            if os.path.exists(png):
                os.remove(png)
            dec = subprocess.run(["sixel2png", "-i", six, "-o", png], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
            entry = {"bytes": len(data)}
            if dec.returncode != 0 or not os.path.exists(png):
                entry.update(size="decode failed", psnr=float("nan"), psnr_blur=float("nan"))
                notes.append(f"{name}: sixel2png failed on {tool}'s output: {dec.stderr.strip()[:200]}")
            else:
                img = load_rgb(png)
                entry["size"] = f"{img.shape[1]}x{img.shape[0]}"
                if img.shape != src.shape:
                    notes.append(f"{name}: {tool}'s sixel decodes to {entry['size']}, not {w}x{h}")
                    entry.update(psnr=float("nan"), psnr_blur=float("nan"))
                else:
                    entry.update(psnr=psnr(img, src), psnr_blur=psnr(blur(img), src_blur))
                    decoded_images[tool] = img
                if dec.stderr.strip():
                    notes.append(f"{name}: sixel2png said on {tool}'s output: {dec.stderr.strip()[:200]}")
            res[tool] = entry
        if len(decoded_images) == 2:
            sheet(os.path.join(d, "sixel-sheet.png"), [src, decoded_images["ganvas"], decoded_images["img2sixel"]],
                  ["source", "ganvas", "img2sixel"])
        if args.skip_timing:
            t, ratios = {tuple(v): float("nan") for v in cmds.values()}, [float("nan")]
        else:
            t, ratios = hyperfine([sh(cmds["ganvas"]), sh(cmds["img2sixel"])], args.runs, args.warmup, args.rounds, d)
            t = {tuple(shlex.split(k)): v for k, v in t.items()}
        tg, ti = t[tuple(cmds["ganvas"])], t[tuple(cmds["img2sixel"])]
        g, i = res["ganvas"], res["img2sixel"]
        sixel_rows.append([
            name, f"{g['size']} / {i['size']}",
            f"{g['bytes']}", f"{i['bytes']}", f"{g['bytes'] / i['bytes']:.3f}",
            f"{g['psnr']:.2f}", f"{i['psnr']:.2f}", f"{g['psnr'] - i['psnr']:+.2f}",
            f"{g['psnr_blur']:.2f}", f"{i['psnr_blur']:.2f}", f"{g['psnr_blur'] - i['psnr_blur']:+.2f}",
            f"{tg * 1000:.1f}", f"{ti * 1000:.1f}", f"{tg / ti:.2f}",
            f"{min(ratios):.2f}–{max(ratios):.2f}",
            verdict(g["size"] == f"{w}x{h}", g["psnr_blur"] >= i["psnr_blur"], g["bytes"] <= i["bytes"],
                    None if np.isnan(tg) else tg <= ti),
        ])

        # ---- text cells
        cmds = {"ganvas": [ganvas, "show", path, "--format", "sextants", "--colors", "full",
                           "--cols", str(COLS), "--rows", str(ROWS)],
                "chafa": ["chafa", "--format", "symbols", "--colors", "full", "--size", f"{COLS}x{ROWS}",
                          "--stretch", "--symbols", "block+sextant+space", path]}
        commands_used["text"] = {k: [os.path.basename(v[0])] + [a if a != path else "P.png" for a in v[1:]]
                                 for k, v in cmds.items()}
        res, rasters = {}, {}
        for tool, argv in cmds.items():
            data = run_bytes(argv)
            with open(os.path.join(d, f"{tool}-text.ans"), "wb") as f:
                f.write(data)
            try:
                rows = parse_ansi(data.decode("utf-8"))
            except Unknown as e:
                raise SystemExit(f"show.py: {name}: cannot read {tool}'s output: {e}")
            raster, defaults = rasterise(rows)
            if defaults:
                notes.append(f"{name}: {tool} left {defaults} cells in the terminal's default colours "
                             f"(counted as fg {DEFAULT_FG}, bg {DEFAULT_BG})")
            shown = box_down(raster, w, h)
            rasters[tool] = shown
            Image.fromarray(np.clip(np.rint(shown), 0, 255).astype(np.uint8)).save(os.path.join(d, f"{tool}-text.png"))
            used = sorted({c for r in rows for c, *_ in r})
            res[tool] = {"bytes": len(data), "psnr": psnr(shown, src), "psnr_blur": psnr(blur(shown), src_blur),
                         "glyphs": len(used)}
        best_sextant = best_cells(src, SEXTANT_SET)
        best_all = best_cells(src, [ch for ch in GLYPHS])
        sheet(os.path.join(d, "text-sheet.png"), [src, rasters["ganvas"], rasters["chafa"], best_sextant, best_all],
              ["source", "ganvas", "chafa", "best sextants", "best blocks+sextants"])
        if args.skip_timing:
            t, ratios = {tuple(v): float("nan") for v in cmds.values()}, [float("nan")]
        else:
            t, ratios = hyperfine([sh(cmds["ganvas"]), sh(cmds["chafa"])], args.runs, args.warmup, args.rounds, d)
            t = {tuple(shlex.split(k)): v for k, v in t.items()}
        tg, tc = t[tuple(cmds["ganvas"])], t[tuple(cmds["chafa"])]
        g, c = res["ganvas"], res["chafa"]
        text_rows.append([
            name, f"{g['bytes']}", f"{c['bytes']}", f"{g['glyphs']} / {c['glyphs']}",
            f"{g['psnr']:.2f}", f"{c['psnr']:.2f}", f"{g['psnr'] - c['psnr']:+.2f}",
            f"{g['psnr_blur']:.2f}", f"{c['psnr_blur']:.2f}",
            f"{psnr(best_sextant, src):.2f}", f"{psnr(best_all, src):.2f}",
            f"{tg * 1000:.1f}", f"{tc * 1000:.1f}", f"{tg / tc:.2f}", f"{min(ratios):.2f}–{max(ratios):.2f}",
            verdict(None, g["psnr"] >= c["psnr"], None, None if np.isnan(tg) else tg < tc),
        ])

    shutil.rmtree(snap_dir, ignore_errors=True)

    sixel_header = ["picture", "decoded size g / i", "bytes g", "bytes i", "bytes g/i",
                    "PSNR g", "PSNR i", "Δ", "PSNR σ1 g", "PSNR σ1 i", "Δ σ1",
                    "ms g", "ms i", "time g/i", "rounds g/i", "bars (size, PSNR σ1, bytes, time)"]
    text_header = ["picture", "bytes g", "bytes c", "glyphs g / c", "PSNR g", "PSNR c", "Δ",
                   "PSNR σ1 g", "PSNR σ1 c", "best sext.", "best blk+sext.", "ms g", "ms c", "time g/c", "rounds g/c", "bars (PSNR, time)"]

    def cmdline(argv):
        return "`" + " ".join(argv) + "`"

    load = os.getloadavg()
    head = commit = "?"
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "Sources"],
                               stdout=subprocess.PIPE, text=True).stdout.strip()
        commit = head + (" (Sources/ has uncommitted changes)" if dirty else "")
    except Exception:
        pass
    lines = [
        "# `ganvas show` benchmark",
        "",
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {os.cpu_count()} CPUs (nproc {os.cpu_count()}), {cpu_model()}, {platform.platform()}; "
        f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        f"- ganvas: commit {commit}; binary {rel(args.ganvas)} built {ganvas_mtime}, sha256 {ganvas_sha}…",
        f"- {version(['img2sixel', '--version'])}; chafa {version(['chafa', '--version']).split()[-1]}; "
        f"{version(['hyperfine', '--version'])}; sixel2png from libsixel-bin",
        f"- timing: `hyperfine -N --warmup {args.warmup} --runs {args.runs}` with both commands in one call, "
        f"{args.rounds} calls with the order alternating; ms = median of all runs pooled; "
        f"'rounds' = range of the per-call median ratios",
        "- PSNR in dB against the source over R, G, B; σ1 = after a σ=1 Gaussian blur "
        "(scipy.ndimage.gaussian_filter per channel) of both pictures",
        "",
        "## Sixel (g = ganvas, i = img2sixel)",
        "",
        "Commands (P.png = the picture; output to /dev/null when timed, to a file decoded with "
        "`sixel2png -i F.six -o F.png` for PSNR):",
        "",
        f"- ganvas: {cmdline(commands_used['sixel']['ganvas'])}",
        f"- img2sixel: {cmdline(commands_used['sixel']['img2sixel'])}",
        "",
        table(sixel_header, sixel_rows),
        "",
        "Bars: decodes at the source size; PSNR σ1 ≥ img2sixel's; bytes ≤ img2sixel's; time ≤ img2sixel's.",
        "",
        f"## Text cells, {COLS}x{ROWS} (g = ganvas sextants, c = chafa block+sextant+space)",
        "",
        f"- ganvas: {cmdline(commands_used['text']['ganvas'])}",
        f"- chafa: {cmdline(commands_used['text']['chafa'])} (`--stretch` makes sure the grid is "
        f"exactly {COLS}x{ROWS}; for square pictures chafa's output is the same without it)",
        "",
        f"Each output is parsed into a {COLS}x{ROWS} grid (SGR 0, 38/48;2, 38/48;5, 39/49, 7/27, 30–37/40–47/"
        f"90–97/100–107, REP), each cell drawn at {CELL_W}x{CELL_H} px with its glyph's exact coverage and its "
        "colours, and the raster box-averaged down to the source size.",
        "",
        table(text_header, text_rows),
        "",
        "Bars: PSNR ≥ chafa's; faster (time g/c < 1).",
        "",
        "'best sext.' and 'best blk+sext.': the highest PSNR any truecolour output could reach at this grid with "
        "only sextants (space, █, ▌, ▐, U+1FB00–1FB3B) or with every glyph above (chafa's block+sextant set): "
        "per cell, each glyph's two colours solved by least squares over the source pixels it covers, the best "
        "glyph kept (cells are independent, so this is the optimum up to rounding).",
    ]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    lines += ["", f"Decoded sixels, text rasters and side-by-side sheets (source | ganvas | other): "
              f"`{rel(WORK)}/PICTURE/`.", ""]
    report = "\n".join(lines)
    print(report)
    with open(args.out, "w") as f:
        f.write(report)


def verdict(size_ok, quality_ok, bytes_ok, time_ok):
    marks = []
    for ok in (size_ok, quality_ok, bytes_ok, time_ok):
        if ok is None:
            continue
        marks.append("ok" if ok else "MISS")
    return " ".join(marks)


if __name__ == "__main__":
    main()
