"""What makes a run repeatable: the command lines, the commit they ran at and the configuration,
kept in every checkpoint and written into every model card (`ganvas.run`)."""
import json
import os
import subprocess
import sys


def source_commit():
    """The repository's commit (with '+' when the tree has changes), or 'unknown'."""
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        commit = subprocess.run(["git", "-C", here, "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", here, "status", "--porcelain"], capture_output=True, text=True, timeout=10).stdout.strip()
        return (commit or "unknown") + ("+" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def record_invocation(cfg):
    """Adds this process's command line and commit to `cfg` (a checkpoint's configuration), after
    those of earlier invocations (a resumed run keeps them all)."""
    cfg["argv"] = cfg.get("argv", []) + [sys.argv]
    cfg["commits"] = cfg.get("commits", []) + [source_commit()]
    return cfg


def card_entry(cfg=None):
    """The card's `ganvas.run`: every command line and commit that made the model (training's,
    then this one's), and the training configuration without them."""
    cfg = dict(cfg or {})
    argv, commits = cfg.pop("argv", []), cfg.pop("commits", [])
    entry = {"argv": argv + [sys.argv], "commits": commits + [source_commit()], "config": cfg}
    return json.dumps(entry, separators=(",", ":"), sort_keys=True, default=str)
