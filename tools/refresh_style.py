#!/usr/bin/env python3
"""Everything that depends on a style's generator, made again after the generator is replaced:
its card's figures, its encoder (trained again: an encoder fits one generator), the figures of
its upscaler's card (the upscaler itself is trained on real pictures and stays), and the goldens
`swift test` checks the engine with. One command, one CPU thread, about 30 minutes:

    python3 tools/export.py RUN/step_N.pt models/NAME.safetensors --name NAME ...   # first
    python3 tools/refresh_style.py models/NAME.safetensors --real /work/data/NAME \\
        --hr /work/data/hr/NAME --foreign /work/data/OTHER [--no-shell] [--dry-run]   # hr: 256 px, emoji 128

Each step is one of the other tools, run as it would be by hand and printed first; `--dry-run`
prints them and runs nothing; `--rehearse` runs every step at a toy size (seconds of
training, a few dozen pictures measured) on copies in a scratch folder, goldens left alone. The encoder is trained as tools/README.md says (13 minutes from
scratch, then 7 of fine-tuning with procedural pictures), with the data set and licence texts of
the encoder it replaces. What stays by hand: the READMEs' figures (`bench/encode.sh`,
`bench/prior.sh`) and a look at the grid and the encode figure.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)

from ganvas_tools.modelfile import read_model  # noqa: E402
from ganvas_tools.pixels import picture_paths  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def companions(model):
    """The encoder and upscaler files beside a style's model file (whether or not they exist)."""
    stem = model[:-len(".safetensors")]
    return stem + ".encoder.safetensors", stem + ".upscaler.safetensors"


def tool(name, *args):
    return [sys.executable, os.path.join(TOOLS, name), *[str(a) for a in args]]


def encoder_steps(model, encoder, real, foreign, minutes, shell, card, scratch):
    """Train from scratch, then fine-tune into the shipped file, with the old card's texts."""
    common = ["--foreign", *foreign] if foreign else []
    common += ["--shell" if shell else "--no-shell", "--dataset", card["ganvas.dataset"],
               "--license", card["ganvas.license"]]
    return [
        tool("train_encoder.py", model, real, scratch, "--minutes", minutes[0], *common),
        tool("train_encoder.py", model, real, encoder, "--minutes", minutes[1], "--synthetic", "0.25",
             "--init-from", scratch, *common),
    ]


# What `--rehearse` measures with: every path runs, nothing takes long.
REHEARSAL_COUNTS = {"evaluate.py": ["--count", "64", "--seeds", "0", "--blank-count", "64"],
                    "evaluate_encoder.py": ["--count", "32"], "evaluate_upscaler.py": ["--count", "32"]}


def plan(model, real, hr, foreign, minutes, shell, scratch, cards, rehearse=False):
    """The steps, in order: (what it is, command, card to merge the command's JSON into or None).
    `cards` maps an existing companion file to its metadata; a missing one is skipped."""
    encoder, upscaler = companions(model)
    sizes = (lambda name: REHEARSAL_COUNTS[name]) if rehearse else (lambda name: [])
    steps = [("the generator's figures",
              tool("evaluate.py", "--real", real, "--model", model, "--json", *sizes("evaluate.py")), (model, False))]
    if encoder in cards:
        for command in encoder_steps(model, encoder, real, foreign, minutes, shell, cards[encoder], scratch):
            steps.append(("the encoder", command, None))
        steps.append(("the encoder's guesses as a set",
                      tool("evaluate_encoder.py", "--real", real, "--style", model, "--encoder", encoder, "--json",
                           *sizes("evaluate_encoder.py")),
                      (encoder, True)))
    if upscaler in cards and hr:
        steps.append(("the upscaler on the new generator's pictures",
                      tool("evaluate_upscaler.py", "--real", hr, "--style", model, "--upscaler", upscaler, "--json",
                           *sizes("evaluate_upscaler.py")),
                      (upscaler, True)))
    if not rehearse:  # goldens are named by style and written into Tests/: never for copies
        goldens = [model] + [f for f in (encoder, upscaler) if f in cards]
        steps.append(("goldens", tool("make_goldens.py", *goldens), None))
    return steps


def hr_mismatch(upscaler_card, hr):
    """Why --hr cannot measure this upscaler (its pictures are not the upscaler's output size), or
    None. Checked before the encoder's 20 minutes, not after them. Reads the first picture's PNG
    header (no Pillow needed); a set of another format is left to evaluate_upscaler.py."""
    try:
        side = int(upscaler_card["ganvas.resolution"]) * int(upscaler_card["ganvas.scale"])
    except (KeyError, ValueError):
        return None  # a card without them: evaluate_upscaler.py will say what is wrong
    paths = picture_paths(hr)  # the pictures evaluate_upscaler.py would load, in its order
    if not paths:
        return f"--hr {hr}: no pictures there"
    with open(paths[0], "rb") as f:
        head = f.read(24)
    if head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
        return None
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if (width, height) != (side, side):
        return (f"--hr {hr}: pictures are {width}x{height}, the upscaler makes {side}x{side} "
                f"(make them with the data set's script and --size {side})")
    return None


def merged_quality(path, measured, merge):
    """The card's new `ganvas.quality`: the measured JSON, merged into the old one or replacing it."""
    quality = json.loads(read_model(path)[2].get("ganvas.quality", "{}")) if merge else {}
    quality.update(measured)
    return json.dumps(quality)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", help="models/NAME.safetensors, the new generator (exported already)")
    ap.add_argument("--real", required=True, help="the style's training pictures")
    ap.add_argument("--hr", help="the same at the upscaler's output size (datasets/*.py --size 256; emoji's "
                                 "x2 upscaler: 128); without it "
                                 "the upscaler card is left as it is")
    ap.add_argument("--foreign", nargs="*", default=[], help="other styles' pictures for the encoder")
    ap.add_argument("--encoder-minutes", nargs=2, type=float, default=[13, 7], metavar=("SCRATCH", "FINE"))
    ap.add_argument("--shell", action=argparse.BooleanOptionalAction, default=True,
                    help="encoder guesses on |z| = √d (train_encoder.py)")
    ap.add_argument("--dry-run", action="store_true", help="print the steps, run none")
    ap.add_argument("--rehearse", action="store_true", help="every step at a toy size, on copies (see above)")
    args = ap.parse_args()

    if not args.model.endswith(".safetensors") or not os.path.exists(args.model):
        sys.exit(f"refresh_style.py: no model file {args.model}")
    work = tempfile.mkdtemp(prefix="ganvas-refresh-")
    model, minutes = args.model, args.encoder_minutes
    if args.rehearse:
        model, minutes = os.path.join(work, os.path.basename(args.model)), [0.05, 0.05]
        for source, copy in zip([args.model, *companions(args.model)], [model, *companions(model)]):
            if os.path.exists(source):
                shutil.copyfile(source, copy)
    cards = {f: read_model(f)[2] for f in companions(model) if os.path.exists(f)}
    upscaler = companions(model)[1]
    if args.hr and upscaler in cards and (problem := hr_mismatch(cards[upscaler], args.hr)):
        sys.exit(f"refresh_style.py: {problem}")
    scratch = os.path.join(work, "encoder.scratch.safetensors")
    for what, command, card in plan(model, args.real, args.hr, args.foreign, minutes, args.shell, scratch, cards,
                                    args.rehearse):
        print(f"# {what}\n{subprocess.list2cmdline(command)}", flush=True)
        if args.dry_run:
            continue
        if card is None:
            subprocess.run(command, check=True)
            continue
        measured = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        path, merge = card
        subprocess.run(tool("set_card.py", path, "--quality", merged_quality(path, measured, merge)), check=True)
    sheet = companions(model)[0][:-len(".safetensors")] + ".png"  # train_encoder.py's held-out sheet
    if os.path.exists(sheet) and not args.dry_run:  # look at it; it is not shipped
        shutil.move(sheet, os.path.join(work, os.path.basename(sheet)))
        print(f"# the encoder's held-out pictures and guesses: {os.path.join(work, os.path.basename(sheet))}")
    if args.dry_run:
        shutil.rmtree(work)  # nothing was made in it
    elif args.rehearse:
        print(f"# rehearsed on copies in {work}")
    else:
        print("# by hand: bench/encode.sh and bench/prior.sh for the READMEs' figures; look at the grid and "
              "bench/screenshots/encode.png")


if __name__ == "__main__":
    main()
