#!/usr/bin/env python3
"""Packs each style's training pictures into one compressed file, for the GPU kit (run.sh): the
data sets travel to the device machine as files, at most 64 MiB together with the repository.

    python3 tools/kit/pack.py /work/data kitdata      # reads /work/data/NAME/ for each style in styles.json

Writes OUT/NAME.npz (`pictures`: uint8 [N, H, W, C], C = 1 for grey styles) and OUT/NAME.SOURCE.txt
(the data set's own provenance and licence file), and prints the sizes.  OUT must be a folder that
git ignores (`kitdata/` is in .gitignore): data sets are never committed.
"""
import json
import os
import shutil
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from ganvas_tools.pixels import load_folder  # noqa: E402

LIMIT = 56 << 20  # leaves room for the repository itself under the 64 MiB the device tool carries


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data_root, out = sys.argv[1], sys.argv[2]
    styles = json.load(open(os.path.join(HERE, "styles.json")))
    os.makedirs(out, exist_ok=True)
    total = 0
    for name, style in styles.items():
        folder = os.path.join(data_root, name)
        pictures = load_folder(folder, size=style["resolution"])
        if style.get("grey"):
            if not (pictures == pictures[..., :1]).all():
                sys.exit(f"{name}: styles.json says grey, but {folder} has colour pictures")
            pictures = pictures[..., :1]
        path = os.path.join(out, name + ".npz")
        np.savez_compressed(path, pictures=pictures)
        source = os.path.join(folder, "SOURCE.txt")
        if os.path.exists(source):
            shutil.copy(source, os.path.join(out, name + ".SOURCE.txt"))
        size = os.path.getsize(path)
        total += size
        print(f"{path}: {len(pictures):,} pictures {pictures.shape[1]}x{pictures.shape[2]}x{pictures.shape[3]}, {size / 2**20:.1f} MiB")
    print(f"total {total / 2**20:.1f} MiB (limit {LIMIT / 2**20:.0f} MiB)")
    if total > LIMIT:
        sys.exit("too large for the device tool's 64 MiB: drop a style or shrink one")


if __name__ == "__main__":
    main()
