"""Golden outputs for shipped models: what PyTorch computes for a few seeds, so `swift test`
checks the Swift engine on every model in models/.

    python3 tools/make_goldens.py            # every models/*.safetensors
    python3 tools/make_goldens.py models/emoji.safetensors

Writes Tests/NeuralTests/Goldens/NAME.safetensors: `z` [K, latent] and `out` [K, 3, R, R] (F32),
metadata `model_sha256` (the model file it was made from) and `seeds`; for a generator with
channel gates also `mixed.L` [K, 3, R, R], seed i's shapes in the colours of the next seed
(cyclically) from gate level L on (torch_arch.forward_mixed). For an upscaler
(NAME.upscaler.safetensors): Goldens/NAME.upscaler.safetensors with `input` [1, 3, R, R] (the style's
picture of the first seed, from its golden) and `out` [1, 3, R·s, R·s]. For an encoder
(NAME.encoder.safetensors): Goldens/NAME.encoder.safetensors with `input` (the style's golden
pictures, [K, 3, R, R]) and `out` [K, latent].
"""
import hashlib
import json
import pathlib
import sys

import numpy as np
import torch

from ganvas_tools.latent import seeded_latents  # noqa: E402
from ganvas_tools.modelfile import read_model, write_safetensors  # noqa: E402
from ganvas_tools.torch_arch import channel_gates, forward, forward_mixed, forward_named  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = [1, 2, 3]


def read_f32(path, name):
    raw = pathlib.Path(path).read_bytes()
    n = int.from_bytes(raw[:8], "little")
    entry = json.loads(raw[8:8 + n])[name]
    start, end = entry["data_offsets"]
    return np.frombuffer(raw[8 + n + start:8 + n + end], dtype="<f4").reshape(entry["shape"]).copy()


def make(model_path):
    torch.set_num_threads(1)
    tensors, arch, meta = read_model(model_path)
    if meta.get("ganvas.kind") in ("upscaler", "encoder"):
        return make_companion(model_path, tensors, arch, meta)
    z = seeded_latents(SEEDS, int(meta["ganvas.latent_dim"]))
    with torch.no_grad():
        out, named = forward_named(arch, tensors, torch.from_numpy(z))
    goldens = {"z": z, "out": out.numpy().astype(np.float32)}
    colours = torch.from_numpy(np.roll(z, -1, axis=0))
    for level in range(len(channel_gates(arch, named))):
        goldens[f"mixed.{level}"] = forward_mixed(arch, tensors, torch.from_numpy(z), colours, level).numpy().astype(np.float32)
    out = goldens["out"]
    sha = hashlib.sha256(pathlib.Path(model_path).read_bytes()).hexdigest()
    target = ROOT / "Tests/NeuralTests/Goldens" / (meta["ganvas.name"] + ".safetensors")
    write_safetensors(target, goldens, {"model_sha256": sha, "seeds": json.dumps(SEEDS)})
    print(f"{target.relative_to(ROOT)}: {len(SEEDS)} seeds, output {list(out.shape)}, range {out.min():.3f}..{out.max():.3f}, "
          f"{len(goldens) - 2} mixing levels")


def make_companion(model_path, tensors, arch, meta):
    """An upscaler's or encoder's golden: run on the style's golden pictures (an upscaler on the
    first only: its output is large)."""
    kind = meta["ganvas.kind"]
    style = ROOT / "Tests/NeuralTests/Goldens" / (meta["ganvas.name"] + ".safetensors")
    if not style.exists():
        sys.exit(f"{model_path}: make the style's golden first ({style.relative_to(ROOT)})")
    pictures = read_f32(style, "out")
    picture = pictures[:1] if kind == "upscaler" else pictures
    with torch.no_grad():
        out = forward(arch, tensors, torch.from_numpy(picture)).numpy()
    sha = hashlib.sha256(pathlib.Path(model_path).read_bytes()).hexdigest()
    target = ROOT / "Tests/NeuralTests/Goldens" / (meta["ganvas.name"] + f".{kind}.safetensors")
    write_safetensors(target, {"input": picture, "out": out.astype(np.float32)}, {"model_sha256": sha})
    print(f"{target.relative_to(ROOT)}: {list(picture.shape)} -> {list(out.shape)}")


if __name__ == "__main__":
    # Styles first: an upscaler's or encoder's golden starts from its style's.
    paths = sys.argv[1:] or sorted((str(p) for p in (ROOT / "models").glob("*.safetensors")),
                                   key=lambda p: (".upscaler." in p or ".encoder." in p, p))
    for p in paths:
        make(p)
