"""The text-cell model of the show benchmark (bench/show.py): every glyph's ink coverage at a fine
sub-cell raster, an ANSI parser for what ganvas and chafa print, the raster a terminal would draw
of it, and the best picture any truecolour output of a glyph set could reach."""
import re

import numpy as np

COLS, ROWS = 64, 32
CELL_W, CELL_H = 24, 48  # fine sub-cell raster: 1:2 cells, divisible by 2, 3 and 8


def box_down(raster, width, height):
    h, w, _ = raster.shape
    if w % width or h % height:
        raise SystemExit(f"box_down: {w}x{h} is not a multiple of {width}x{height}")
    fy, fx = h // height, w // width
    return raster.reshape(height, fy, width, fx, 3).mean(axis=(1, 3))


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
