"""Reference semantics of a `ganvas.arch` layer list (models/README.md, "Architecture"), in PyTorch.

`forward(arch, tensors, x)` runs the layers on a batch `x` ([N, latent_dim] for a generator) with
torch.nn.functional ops, float32, and no folding: batchnorm is always applied as PyTorch's eval-mode
batch_norm.  A layer reads the previous layer's output unless it names its `inputs` (earlier
layers' `name`s, or "input" for the network's input): that makes the list a graph. The Swift engine (which folds batchnorm into the layer before it) is checked against
this with a tolerance. `to_pixels(out)` is the README's byte formula.
"""
import numpy as np
import torch
import torch.nn.functional as F

from ganvas_tools.pixels import to_pixels  # noqa: F401 (the byte formula, used with forward)


def _t(tensors, name):
    value = tensors[name]
    if isinstance(value, torch.Tensor):
        return value.to(torch.float32)
    return torch.from_numpy(np.ascontiguousarray(np.asarray(value, dtype=np.float32)))


def _opt(tensors, layer, field):
    name = layer.get(field)
    return None if name is None else _t(tensors, name)


def _need_rank(x, ranks, op):
    if x.dim() not in ranks:
        raise ValueError(f"{op} needs a per-sample rank in {[r - 1 for r in ranks]}, got shape {list(x.shape[1:])}")


def apply_graph_op(layer, xs):
    """The ops that take several inputs or none of the tensors: `xs` is the list of input batches."""
    op = layer["op"]
    if op == "add":
        return xs[0] + xs[1]
    if op == "mul":  # the second may be [C, 1, 1], broadcast over the first's pixels
        return xs[0] * xs[1]
    if op == "concat":
        return torch.cat(xs, dim=1)
    raise ValueError(f"unknown op {op!r}")


def apply_layer(layer, tensors, x):
    """Applies one single-input layer dict to the batch `x` (a float32 torch tensor [N, ...])."""
    op = layer["op"]
    if op == "sigmoid":
        return torch.sigmoid(x)
    if op == "silu":
        return F.silu(x)
    if op == "glu":
        _need_rank(x, (4,), op)
        return F.glu(x, dim=1)
    if op == "avg_pool":
        _need_rank(x, (4,), op)
        k = int(layer["kernel"])
        return F.avg_pool2d(x, k, k)
    if op == "global_avg_pool":
        _need_rank(x, (4,), op)
        return x.mean(dim=(2, 3), keepdim=True)
    if op == "pixel_shuffle":
        _need_rank(x, (4,), op)
        return F.pixel_shuffle(x, int(layer["factor"]))
    if op == "linear":
        _need_rank(x, (2,), op)
        return F.linear(x, _t(tensors, layer["weight"]), _opt(tensors, layer, "bias"))
    if op == "reshape":
        return x.reshape([x.shape[0]] + [int(s) for s in layer["shape"]])
    if op == "conv2d":
        _need_rank(x, (4,), op)
        return F.conv2d(x, _t(tensors, layer["weight"]), _opt(tensors, layer, "bias"),
                        stride=int(layer.get("stride", 1)), padding=int(layer.get("padding", 0)))
    if op == "conv_transpose2d":
        _need_rank(x, (4,), op)
        return F.conv_transpose2d(x, _t(tensors, layer["weight"]), _opt(tensors, layer, "bias"),
                                  stride=int(layer.get("stride", 1)), padding=int(layer.get("padding", 0)),
                                  output_padding=int(layer.get("output_padding", 0)))
    if op == "batchnorm":
        _need_rank(x, (2, 4), op)  # [N, F] (features are channels) or [N, C, H, W]
        return F.batch_norm(x, _t(tensors, layer["mean"]), _t(tensors, layer["var"]),
                            _t(tensors, layer["weight"]), _t(tensors, layer["bias"]),
                            training=False, eps=float(layer.get("eps", 1e-5)))
    if op == "bias":
        _need_rank(x, (2, 4), op)
        b = _t(tensors, layer["bias"])
        return x + (b.reshape(1, -1, 1, 1) if x.dim() == 4 else b.reshape(1, -1))
    if op == "upsample":
        _need_rank(x, (4,), op)
        mode, scale = layer["mode"], int(layer["scale"])
        if mode == "nearest":
            return F.interpolate(x, scale_factor=scale, mode="nearest")
        if mode == "bilinear":
            return F.interpolate(x, scale_factor=scale, mode="bilinear", align_corners=False)
        raise ValueError(f"unknown upsample mode {mode!r}")
    if op == "relu":
        return F.relu(x)
    if op == "leaky_relu":
        return F.leaky_relu(x, negative_slope=float(layer.get("slope", 0.01)))
    if op == "tanh":
        return torch.tanh(x)
    raise ValueError(f"unknown op {op!r}")


@torch.no_grad()
def forward(arch, tensors, x):
    """Runs `arch` (list of layer dicts) with `tensors` (name -> numpy array or torch tensor) on the
    batch `x` ([N, ...], numpy or torch). Returns a float32 torch tensor [N, ...]."""
    return forward_named(arch, tensors, x)[0]


MULTI_INPUT_OPS = ("add", "mul", "concat")


@torch.no_grad()
def forward_named(arch, tensors, x, overrides=None):
    """`forward`, also returning every named layer's output; a layer named in `overrides` outputs
    the given batch instead of computing its own."""
    overrides = overrides or {}
    if not isinstance(x, torch.Tensor):
        x = torch.from_numpy(np.ascontiguousarray(np.asarray(x, dtype=np.float32)))
    x = x.to(torch.float32)
    named = {"input": x}
    for layer in arch:
        inputs = [named[n] for n in layer.get("inputs", [])] or [x]
        if layer.get("name") in overrides:
            x = overrides[layer["name"]]
        elif layer["op"] in MULTI_INPUT_OPS:
            x = apply_graph_op(layer, inputs)
        else:
            x = apply_layer(layer, tensors, inputs[0])
        if "name" in layer:
            named[layer["name"]] = x
    return x, named


def channel_gates(arch, named):
    """Names of the layers that gate a map channel by channel (the second input of a `mul` by a
    [C, 1, 1] factor), coarse to fine; `named` from `forward_named`."""
    gates = []
    for layer in arch:
        if layer["op"] == "mul" and len(layer.get("inputs", [])) == 2:
            factor = named[layer["inputs"][1]]
            if factor.dim() == 4 and factor.shape[2:] == (1, 1) and named[layer["inputs"][0]].shape != factor.shape:
                gates.append(layer["inputs"][1])
    return gates


@torch.no_grad()
def forward_mixed(arch, tensors, shapes, colours, level):
    """Style mixing as the Swift engine does it (Architecture.mixing), by its definition: the
    pictures of `shapes` with the gates from `level` on taken from `colours`' own pass."""
    _, theirs = forward_named(arch, tensors, colours)
    gates = channel_gates(arch, theirs)[level:]
    return forward_named(arch, tensors, shapes, {name: theirs[name] for name in gates})[0]


def generate(model_path, count, batch=256, threads=1):
    """uint8 [count, H, W, 3]: seeds 1..count through the model file's arch (eval mode, F16 weights
    as stored, computed in float32)."""
    from ganvas_tools.latent import seeded_latents
    from ganvas_tools.modelfile import read_model
    if threads:
        torch.set_num_threads(threads)
    tensors, arch, meta = read_model(model_path)
    dim = int(meta.get("ganvas.latent_dim", "128"))
    tensors = {k: torch.from_numpy(v) for k, v in tensors.items()}
    out = []
    for start in range(1, count + 1, batch):
        seeds = range(start, min(start + batch, count + 1))
        z = seeded_latents(seeds, dim)
        out.append(to_pixels(forward(arch, tensors, z)))
    return np.concatenate(out)
