"""Pictures as the pipeline handles them: folders (or packed .npz data sets) of pictures as
uint8 [N, H, W, 3] arrays, network outputs as bytes exactly as Ganvas makes them, and grids."""
import glob
import os
import sys

import numpy as np

EXTENSIONS = ("png", "jpg", "jpeg", "webp")


def picture_paths(folder):
    """The pictures of a folder, sorted by name."""
    return sorted(p for ext in EXTENSIONS for p in glob.glob(os.path.join(folder, "*." + ext)))


def load_folder(folder, size=None, limit=None, require_size=False):
    """The pictures of a folder (sorted names), or of a packed data set (.npz, tools/kit/pack.py),
    as uint8 [N, H, W, 3]; each resized to `size` (default: the first one's width). With
    `require_size`, a packed set of another size is an error rather than taken as it is."""
    if folder.endswith(".npz"):
        with np.load(folder) as packed:
            pictures = packed["pictures"][:limit]
        if require_size and size is not None and pictures.shape[1:3] != (size, size):
            sys.exit(f"{folder} holds {pictures.shape[1]}x{pictures.shape[2]} pictures, {size}x{size} are needed")
        return np.repeat(pictures, 3, axis=-1) if pictures.shape[-1] == 1 else pictures
    from PIL import Image
    paths = picture_paths(folder)
    if not paths:
        sys.exit(f"no pictures in {folder}")
    if limit is not None:
        paths = paths[:limit]
    out = []
    for p in paths:
        im = Image.open(p).convert("RGB")
        if size is None:
            size = im.width
        if im.size != (size, size):
            im = im.resize((size, size), Image.Resampling.LANCZOS)
        out.append(np.asarray(im))
    return np.stack(out)


def to_pixels(out):
    """[N, 3, H, W] floats (numpy or torch) -> uint8 [N, H, W, 3], as models/README.md says:
    byte = clamp(floor((x + 1) * 127.5 + 0.5), 0, 255), each step rounded to float32, NaN -> 0."""
    if hasattr(out, "detach"):
        out = out.detach().float().cpu().numpy()
    x = np.asarray(out, dtype=np.float32)
    with np.errstate(invalid="ignore"):
        v = (x + np.float32(1.0)).astype(np.float32)
        v = (v * np.float32(127.5)).astype(np.float32)
        v = (v + np.float32(0.5)).astype(np.float32)
        v = np.floor(v)
        v = np.where(np.isnan(v), np.float32(0.0), v)
        v = np.clip(v, np.float32(0.0), np.float32(255.0))
    return np.ascontiguousarray(v.astype(np.uint8).transpose(0, 2, 3, 1))


def save_grid(images, path, cols=8, gutter=2):
    """uint8 [N, H, W, 3] as one PNG grid with `gutter` px of white between tiles (written to a
    temporary file and renamed)."""
    from PIL import Image
    n, h, w, _ = images.shape
    rows = (n + cols - 1) // cols
    grid = np.full((rows * h + (rows - 1) * gutter, cols * w + (cols - 1) * gutter, 3), 255, np.uint8)
    for i in range(n):
        r, c = divmod(i, cols)
        grid[r * (h + gutter): r * (h + gutter) + h, c * (w + gutter): c * (w + gutter) + w] = images[i]
    tmp = path + ".tmp.png"
    Image.fromarray(grid).save(tmp)
    os.replace(tmp, path)
