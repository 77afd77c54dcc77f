#!/usr/bin/env python3
"""Rewrites a model file's card (its `ganvas.*` metadata) and keeps every tensor byte as it is.

    python3 tools/set_card.py models/glyphs.safetensors --quality "$(python3 tools/evaluate.py ... --json)"
    python3 tools/set_card.py models/emoji.safetensors --set description="Emoji-like pictures"

For cards whose figures were measured after the export (the GPU kit, a re-evaluation).  The file's
SHA-256 changes, so re-run make_goldens.py for it.
"""
import argparse
import json
import sys

from ganvas_tools.modelfile import update_metadata


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("--quality", help="JSON object (tools/evaluate.py --json)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="another ganvas.KEY, one line")
    args = ap.parse_args()
    changes = {}
    if args.quality is not None:
        quality = json.loads(args.quality)
        if not isinstance(quality, dict):
            sys.exit("--quality must be a JSON object")
        changes["ganvas.quality"] = json.dumps(quality, separators=(",", ":"))
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or "\n" in value or key in ("arch", "format"):
            sys.exit(f"--set {item!r}: expected KEY=VALUE on one line (not arch or format)")
        changes["ganvas." + key] = value
    meta = update_metadata(args.model, changes)
    print(f"{args.model}: card updated ({', '.join(k for k in meta if k != 'ganvas.arch')})")


if __name__ == "__main__":
    main()
