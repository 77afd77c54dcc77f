#!/usr/bin/env python3
"""Benchmark of `ganvas show` against img2sixel (sixel) and chafa (text cells).

See bench/README.md. Writes the tables to stdout and to bench/RESULTS-show.md; decoded sixels,
text-cell rasters and side-by-side contact sheets go to bench/work/ (ignored by git).
The text-cell model is bench/text_cells.py; timing and other helpers bench/bench_tools.py.
"""
import argparse
import datetime
import hashlib
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

from bench_tools import blur, cpu_model, hyperfine, load_rgb, psnr, rel, run_bytes, sh, sheet, table, version
from text_cells import (CELL_H, CELL_W, COLS, DEFAULT_BG, DEFAULT_FG, GLYPHS, ROWS, SEXTANT_SET, Unknown, best_cells,
                        box_down, parse_ansi, rasterise)

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, "work")



def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ganvas", default=os.path.join(ROOT, ".build/release/ganvas"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="hyperfine calls per comparison, order alternating")
    parser.add_argument("--only", help="comma-separated picture names (e.g. tiny-256,astronaut-512)")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--out", default=os.path.join(BENCH, "RESULTS-show.md"))
    return parser.parse_args()


def snapshot(binary):
    """A copy of the binary, so a rebuild during the run cannot mix two builds: (folder, copy, its
    sha256 prefix, the original's build time)."""
    snap_dir = tempfile.mkdtemp(prefix="ganvas-bench-")
    ganvas = os.path.join(snap_dir, "ganvas")
    shutil.copy2(binary, ganvas)
    with open(ganvas, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()[:16]
    mtime = datetime.datetime.fromtimestamp(os.path.getmtime(binary)).isoformat(timespec="seconds")
    return snap_dir, ganvas, sha, mtime


def shown_commands(cmds, path):
    """The commands as the report prints them: tool name, the picture as P.png."""
    return {k: [os.path.basename(v[0])] + [a if a != path else "P.png" for a in v[1:]] for k, v in cmds.items()}


def timed(cmds, peer, args, d):
    """(ganvas's seconds, the peer's, per-round ratios) by hyperfine, or NaN with --skip-timing."""
    if args.skip_timing:
        return float("nan"), float("nan"), [float("nan")]
    t, ratios = hyperfine([sh(cmds["ganvas"]), sh(cmds[peer])], args.runs, args.warmup, args.rounds, d)
    t = {tuple(shlex.split(k)): v for k, v in t.items()}
    return t[tuple(cmds["ganvas"])], t[tuple(cmds[peer])], ratios


def decode_sixel(tool, data, d, name, src, notes):
    """Writes and decodes one tool's sixel output: (its table entry, the decoded picture or None)."""
    six, png = os.path.join(d, f"{tool}.six"), os.path.join(d, f"{tool}-sixel.png")
    with open(six, "wb") as f:
        f.write(data)
    if os.path.exists(png):
        os.remove(png)
    dec = subprocess.run(["sixel2png", "-i", six, "-o", png], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    entry, img = {"bytes": len(data)}, None
    if dec.returncode != 0 or not os.path.exists(png):
        entry.update(size="decode failed", psnr=float("nan"), psnr_blur=float("nan"))
        notes.append(f"{name}: sixel2png failed on {tool}'s output: {dec.stderr.strip()[:200]}")
        return entry, None
    decoded = load_rgb(png)
    entry["size"] = f"{decoded.shape[1]}x{decoded.shape[0]}"
    if decoded.shape != src.shape:
        notes.append(f"{name}: {tool}'s sixel decodes to {entry['size']}, not {src.shape[1]}x{src.shape[0]}")
        entry.update(psnr=float("nan"), psnr_blur=float("nan"))
    else:
        entry.update(psnr=psnr(decoded, src), psnr_blur=psnr(blur(decoded), blur(src)))
        img = decoded
    if dec.stderr.strip():
        notes.append(f"{name}: sixel2png said on {tool}'s output: {dec.stderr.strip()[:200]}")
    return entry, img


def compare_sixel(name, path, src, d, ganvas, args, notes, commands_used):
    """One row of the sixel table: ganvas against img2sixel on one picture."""
    h, w, _ = src.shape
    cmds = {"ganvas": [ganvas, "show", path, "--format", "sixel"], "img2sixel": ["img2sixel", path]}
    commands_used["sixel"] = shown_commands(cmds, path)
    res, decoded = {}, {}
    for tool, argv in cmds.items():
        res[tool], img = decode_sixel(tool, run_bytes(argv), d, name, src, notes)
        if img is not None:
            decoded[tool] = img
    if len(decoded) == 2:
        sheet(os.path.join(d, "sixel-sheet.png"), [src, decoded["ganvas"], decoded["img2sixel"]],
              ["source", "ganvas", "img2sixel"])
    tg, ti, ratios = timed(cmds, "img2sixel", args, d)
    g, i = res["ganvas"], res["img2sixel"]
    return [
        name, f"{g['size']} / {i['size']}",
        f"{g['bytes']}", f"{i['bytes']}", f"{g['bytes'] / i['bytes']:.3f}",
        f"{g['psnr']:.2f}", f"{i['psnr']:.2f}", f"{g['psnr'] - i['psnr']:+.2f}",
        f"{g['psnr_blur']:.2f}", f"{i['psnr_blur']:.2f}", f"{g['psnr_blur'] - i['psnr_blur']:+.2f}",
        f"{tg * 1000:.1f}", f"{ti * 1000:.1f}", f"{tg / ti:.2f}",
        f"{min(ratios):.2f}–{max(ratios):.2f}",
        verdict(g["size"] == f"{w}x{h}", g["psnr_blur"] >= i["psnr_blur"], g["bytes"] <= i["bytes"],
                None if np.isnan(tg) else tg <= ti),
    ]


def text_raster(tool, data, d, name, src, notes):
    """One tool's text output parsed, drawn and box-averaged to the source size: (entry, raster)."""
    h, w, _ = src.shape
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
    Image.fromarray(np.clip(np.rint(shown), 0, 255).astype(np.uint8)).save(os.path.join(d, f"{tool}-text.png"))
    used = sorted({c for r in rows for c, *_ in r})
    entry = {"bytes": len(data), "psnr": psnr(shown, src), "psnr_blur": psnr(blur(shown), blur(src)), "glyphs": len(used)}
    return entry, shown


def compare_text(name, path, src, d, ganvas, args, notes, commands_used):
    """One row of the text table: ganvas's sextants against chafa's block+sextant+space."""
    cmds = {"ganvas": [ganvas, "show", path, "--format", "sextants", "--colors", "full",
                       "--cols", str(COLS), "--rows", str(ROWS)],
            "chafa": ["chafa", "--format", "symbols", "--colors", "full", "--size", f"{COLS}x{ROWS}",
                      "--stretch", "--symbols", "block+sextant+space", path]}
    commands_used["text"] = shown_commands(cmds, path)
    res, rasters = {}, {}
    for tool, argv in cmds.items():
        res[tool], rasters[tool] = text_raster(tool, run_bytes(argv), d, name, src, notes)
    best_sextant = best_cells(src, SEXTANT_SET)
    best_all = best_cells(src, [ch for ch in GLYPHS])
    sheet(os.path.join(d, "text-sheet.png"), [src, rasters["ganvas"], rasters["chafa"], best_sextant, best_all],
          ["source", "ganvas", "chafa", "best sextants", "best blocks+sextants"])
    tg, tc, ratios = timed(cmds, "chafa", args, d)
    g, c = res["ganvas"], res["chafa"]
    return [
        name, f"{g['bytes']}", f"{c['bytes']}", f"{g['glyphs']} / {c['glyphs']}",
        f"{g['psnr']:.2f}", f"{c['psnr']:.2f}", f"{g['psnr'] - c['psnr']:+.2f}",
        f"{g['psnr_blur']:.2f}", f"{c['psnr_blur']:.2f}",
        f"{psnr(best_sextant, src):.2f}", f"{psnr(best_all, src):.2f}",
        f"{tg * 1000:.1f}", f"{tc * 1000:.1f}", f"{tg / tc:.2f}", f"{min(ratios):.2f}–{max(ratios):.2f}",
        verdict(None, g["psnr"] >= c["psnr"], None, None if np.isnan(tg) else tg < tc),
    ]


def commit_line():
    """HEAD's short hash, and whether Sources/ has uncommitted changes."""
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "Sources"],
                               stdout=subprocess.PIPE, text=True).stdout.strip()
        return head + (" (Sources/ has uncommitted changes)" if dirty else "")
    except Exception:
        return "?"


def report(args, ganvas_sha, ganvas_mtime, commands_used, sixel_rows, text_rows, notes):
    """The markdown report: the run's conditions, both tables with their commands, and notes."""
    sixel_header = ["picture", "decoded size g / i", "bytes g", "bytes i", "bytes g/i",
                    "PSNR g", "PSNR i", "Δ", "PSNR σ1 g", "PSNR σ1 i", "Δ σ1",
                    "ms g", "ms i", "time g/i", "rounds g/i", "bars (size, PSNR σ1, bytes, time)"]
    text_header = ["picture", "bytes g", "bytes c", "glyphs g / c", "PSNR g", "PSNR c", "Δ",
                   "PSNR σ1 g", "PSNR σ1 c", "best sext.", "best blk+sext.", "ms g", "ms c", "time g/c", "rounds g/c", "bars (PSNR, time)"]

    def cmdline(argv):
        return "`" + " ".join(argv) + "`"

    load = os.getloadavg()
    commit = commit_line()
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
    return "\n".join(lines)


def main():
    args = parse_args()
    for tool in ("img2sixel", "sixel2png", "chafa", "hyperfine"):
        if not shutil.which(tool):
            raise SystemExit(f"show.py: {tool} is missing (apt-get install libsixel-bin chafa hyperfine)")
    if not os.path.exists(args.ganvas):
        raise SystemExit(f"show.py: no ganvas binary at {args.ganvas} (swift build -c release)")
    os.makedirs(WORK, exist_ok=True)
    snap_dir, ganvas, ganvas_sha, ganvas_mtime = snapshot(args.ganvas)
    listing = subprocess.run([sys.executable, os.path.join(BENCH, "make_pictures.py"), "--ganvas", ganvas],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
    pictures = [line.split(" ", 1) for line in listing.splitlines() if line.strip()]
    if args.only:
        wanted = set(args.only.split(","))
        pictures = [p for p in pictures if p[0] in wanted]
    sixel_rows, text_rows, notes, commands_used = [], [], [], {}
    for name, path in pictures:
        src = load_rgb(path)
        d = os.path.join(WORK, name)
        os.makedirs(d, exist_ok=True)
        print(f"== {name} ({src.shape[1]}x{src.shape[0]}) {rel(path)}", file=sys.stderr, flush=True)
        sixel_rows.append(compare_sixel(name, path, src, d, ganvas, args, notes, commands_used))
        text_rows.append(compare_text(name, path, src, d, ganvas, args, notes, commands_used))
    shutil.rmtree(snap_dir, ignore_errors=True)
    text = report(args, ganvas_sha, ganvas_mtime, commands_used, sixel_rows, text_rows, notes)
    print(text)
    with open(args.out, "w") as f:
        f.write(text)


def verdict(size_ok, quality_ok, bytes_ok, time_ok):
    marks = []
    for ok in (size_ok, quality_ok, bytes_ok, time_ok):
        if ok is None:
            continue
        marks.append("ok" if ok else "MISS")
    return " ".join(marks)


if __name__ == "__main__":
    main()
