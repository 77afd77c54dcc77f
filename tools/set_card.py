#!/usr/bin/env python3
"""Rewrites a model file's card (its `ganvas.*` metadata) and keeps every tensor byte as it is.

    python3 tools/set_card.py models/glyphs.safetensors --quality "$(python3 tools/evaluate.py ... --json)"
    python3 tools/set_card.py models/emoji.safetensors --set description="Emoji-like pictures"

For cards whose figures were measured after the export (the GPU kit, a re-evaluation).  The file's
SHA-256 changes, so re-run make_goldens.py for it.
"""
import argparse
import json
import os
import struct
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("--quality", help="JSON object (tools/evaluate.py --json)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="another ganvas.KEY, one line")
    args = ap.parse_args()
    with open(args.model, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.setdefault("__metadata__", {})
    if args.quality is not None:
        quality = json.loads(args.quality)
        if not isinstance(quality, dict):
            sys.exit("--quality must be a JSON object")
        meta["ganvas.quality"] = json.dumps(quality, separators=(",", ":"))
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or "\n" in value or key in ("arch", "format"):
            sys.exit(f"--set {item!r}: expected KEY=VALUE on one line (not arch or format)")
        meta["ganvas." + key] = value
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    tmp = args.model + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + raw[8 + n:])
    os.replace(tmp, args.model)
    print(f"{args.model}: card updated ({', '.join(k for k in meta if k != 'ganvas.arch')})")


if __name__ == "__main__":
    main()
