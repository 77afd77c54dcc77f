#!/usr/bin/env python3
"""Writes a Ganvas model (safetensors + `ganvas.arch`, models/README.md) as the same network in ONNX.

    python3 tools/export_onnx.py MODEL.safetensors OUT.onnx [--no-check] [--opset 17]

The graph is built directly from the layer list with onnx.helper: input `z` [N, latent_dim]
(dynamic N), output `image` [N, 3, H, W] in [-1, 1]. Weights are float32 initializers (the file's
F16 values widened exactly). Batchnorm is *not* folded here (onnxruntime's graph optimiser folds
BatchNormalization into Conv/ConvTranspose itself), so the graph is a literal transcription of
the arch, the same semantics as tools/ganvas_tools/torch_arch.py.

Op mapping:
  linear            Gemm(transB=1)  (weight [out, in], PyTorch layout)
  reshape           Reshape to [0, *shape]  (0 keeps the batch dimension)
  conv2d            Conv (pads p on every side, strides s)
  conv_transpose2d  ConvTranspose (weight [in, out, k, k] is also ONNX's layout; pads, strides,
                    output_padding as PyTorch)
  batchnorm         BatchNormalization (eval; epsilon from the layer)
  bias              Add of a [C] (rank 2) or [C, 1, 1] (rank 4) constant
  upsample nearest  Resize mode=nearest, coordinate_transformation_mode=asymmetric, nearest_mode=floor
  upsample bilinear Resize mode=linear, coordinate_transformation_mode=pytorch_half_pixel
                    (= PyTorch align_corners=False, half_pixel with source coordinates clamped at 0)
  relu, tanh        Relu, Tanh;  leaky_relu  LeakyRelu(alpha=slope)
  sigmoid           Sigmoid;  silu  Mul(x, Sigmoid(x))  (opset 17 has no SiLU)
  add, mul          Add, Mul  (mul by a [C, 1, 1] input broadcasts as in PyTorch)
  concat            Concat(axis=1)
  glu               Split(axis=1) in two halves, then Mul(a, Sigmoid(b))
  avg_pool          AveragePool(kernel k, stride k);  global_avg_pool  GlobalAveragePool
  pixel_shuffle     DepthToSpace(mode=CRD)  (= PyTorch's pixel_shuffle)
A layer's `inputs` (names of earlier layers, or "input") become the node's inputs, so graphs
export as graphs.

Unless --no-check, the export is verified: for seeds 1..4 (the seeded latents of
tools/ganvas_tools/latent.py) onnxruntime's output must match torch_arch.forward within 1e-4
(max abs error printed); the script exits 1 otherwise.
"""
import argparse
import sys

import numpy as np

from ganvas_tools.modelfile import read_model  # noqa: E402

TOLERANCE = 1e-4


def build_onnx(tensors, arch, meta, opset=17):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    latent = int(meta["ganvas.latent_dim"])
    res = int(meta["ganvas.resolution"])
    nodes, inits, used = [], [], set()
    counter = [0]

    def fresh(prefix):
        counter[0] += 1
        return f"{prefix}_{counter[0]}"

    def init(name, array):
        """A float32 initializer from a tensor of the file (once) or a new constant."""
        if name not in used:
            used.add(name)
            inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def weight(name):
        return init(name, np.asarray(tensors[name], dtype=np.float32))

    x, rank = "z", 2
    values = {"input": ("z", 2)}  # layer name -> (ONNX value, rank)
    for i, layer in enumerate(arch):
        op = layer["op"]
        out = "image" if i == len(arch) - 1 else fresh(op)
        sources = [values[n] for n in layer.get("inputs", [])] or [(x, rank)]
        x, rank = sources[0]
        if op == "linear":
            if rank != 2:
                raise ValueError(f"layer {i}: linear needs rank 2")
            inputs = [x, weight(layer["weight"])]
            if layer.get("bias"):
                inputs.append(weight(layer["bias"]))
            nodes.append(helper.make_node("Gemm", inputs, [out], transB=1, name=fresh("Gemm")))
        elif op == "reshape":
            shape = [int(s) for s in layer["shape"]]
            sname = init(fresh("shape"), np.array([0] + shape, dtype=np.int64))
            nodes.append(helper.make_node("Reshape", [x, sname], [out], name=fresh("Reshape")))
            rank = 1 + len(shape)
        elif op in ("conv2d", "conv_transpose2d"):
            if rank != 4:
                raise ValueError(f"layer {i}: {op} needs rank 4")
            w = np.asarray(tensors[layer["weight"]])
            k = [int(w.shape[2]), int(w.shape[3])]
            s, p = int(layer.get("stride", 1)), int(layer.get("padding", 0))
            inputs = [x, weight(layer["weight"])]
            if layer.get("bias"):
                inputs.append(weight(layer["bias"]))
            attrs = dict(kernel_shape=k, strides=[s, s], pads=[p, p, p, p])
            if op == "conv2d":
                nodes.append(helper.make_node("Conv", inputs, [out], name=fresh("Conv"), **attrs))
            else:
                op_ = int(layer.get("output_padding", 0))
                nodes.append(helper.make_node("ConvTranspose", inputs, [out], name=fresh("ConvTranspose"),
                                              output_padding=[op_, op_], **attrs))
        elif op == "batchnorm":
            if rank not in (2, 4):
                raise ValueError(f"layer {i}: batchnorm needs rank 2 or 4")
            inputs = [x] + [weight(layer[f]) for f in ("weight", "bias", "mean", "var")]
            nodes.append(helper.make_node("BatchNormalization", inputs, [out], name=fresh("BN"),
                                          epsilon=float(layer.get("eps", 1e-5))))
        elif op == "bias":
            b = np.asarray(tensors[layer["bias"]], dtype=np.float32)
            b = b.reshape(-1, 1, 1) if rank == 4 else b.reshape(-1)
            bname = init(fresh(layer["bias"] + "_bcast"), b)
            nodes.append(helper.make_node("Add", [x, bname], [out], name=fresh("Add")))
        elif op == "upsample":
            if rank != 4:
                raise ValueError(f"layer {i}: upsample needs rank 4")
            scale = float(int(layer["scale"]))
            sname = init(fresh("scales"), np.array([1.0, 1.0, scale, scale], dtype=np.float32))
            if layer["mode"] == "nearest":
                attrs = dict(mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor")
            elif layer["mode"] == "bilinear":
                attrs = dict(mode="linear", coordinate_transformation_mode="pytorch_half_pixel")
            else:
                raise ValueError(f"layer {i}: unknown upsample mode {layer['mode']!r}")
            nodes.append(helper.make_node("Resize", [x, "", sname], [out], name=fresh("Resize"), **attrs))
        elif op == "relu":
            nodes.append(helper.make_node("Relu", [x], [out], name=fresh("Relu")))
        elif op == "leaky_relu":
            nodes.append(helper.make_node("LeakyRelu", [x], [out], name=fresh("LeakyRelu"),
                                          alpha=float(layer.get("slope", 0.01))))
        elif op == "tanh":
            nodes.append(helper.make_node("Tanh", [x], [out], name=fresh("Tanh")))
        elif op == "sigmoid":
            nodes.append(helper.make_node("Sigmoid", [x], [out], name=fresh("Sigmoid")))
        elif op == "silu":
            s = fresh("sig")
            nodes += [helper.make_node("Sigmoid", [x], [s], name=fresh("Sigmoid")),
                      helper.make_node("Mul", [x, s], [out], name=fresh("Mul"))]
        elif op in ("add", "mul"):
            nodes.append(helper.make_node(op.capitalize(), [v for v, _ in sources], [out], name=fresh(op)))
        elif op == "concat":
            nodes.append(helper.make_node("Concat", [v for v, _ in sources], [out], axis=1, name=fresh("Concat")))
        elif op == "glu":
            a, b, s = fresh("glu_a"), fresh("glu_b"), fresh("glu_s")
            nodes += [helper.make_node("Split", [x], [a, b], axis=1, name=fresh("Split")),
                      helper.make_node("Sigmoid", [b], [s], name=fresh("Sigmoid")),
                      helper.make_node("Mul", [a, s], [out], name=fresh("Mul"))]
        elif op == "avg_pool":
            k = int(layer["kernel"])
            nodes.append(helper.make_node("AveragePool", [x], [out], kernel_shape=[k, k], strides=[k, k], name=fresh("AvgPool")))
        elif op == "global_avg_pool":
            nodes.append(helper.make_node("GlobalAveragePool", [x], [out], name=fresh("GlobalAvgPool")))
        elif op == "pixel_shuffle":
            nodes.append(helper.make_node("DepthToSpace", [x], [out], blocksize=int(layer["factor"]), mode="CRD",
                                          name=fresh("DepthToSpace")))
        else:
            raise ValueError(f"layer {i}: unknown op {op!r}")
        x = out
        if "name" in layer:
            values[layer["name"]] = (x, rank)
    if x != "image":  # empty arch
        nodes.append(helper.make_node("Identity", [x], ["image"]))

    graph = helper.make_graph(
        nodes, meta.get("ganvas.name", "ganvas"),
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", latent])],
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, res, res])],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="ganvas tools/export_onnx.py")
    model.ir_version = min(model.ir_version, 9)  # readable by older onnxruntime builds too
    for key in ("ganvas.name", "ganvas.resolution", "ganvas.latent_dim"):
        if key in meta:
            entry = model.metadata_props.add()
            entry.key, entry.value = key, meta[key]
    onnx.checker.check_model(model)
    return model


def check(model_path, onnx_path, tensors, arch, meta, seeds=(1, 2, 3, 4)):
    """Max abs error of onnxruntime against torch_arch.forward, per seed and batched."""
    import onnxruntime as ort
    from ganvas_tools import torch_arch
    from ganvas_tools.latent import seeded_latents

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(onnx_path, opts, providers=["CPUExecutionProvider"])
    z = seeded_latents(list(seeds), int(meta["ganvas.latent_dim"]))
    ref = torch_arch.forward(arch, tensors, z).numpy()
    worst = 0.0
    for i, seed in enumerate(seeds):
        got = sess.run(["image"], {"z": z[i:i + 1]})[0]
        err = float(np.max(np.abs(got - ref[i:i + 1])))
        print(f"  seed {seed}: max |ort - torch| = {err:.3g}")
        worst = max(worst, err)
    got = sess.run(["image"], {"z": z})[0]
    err = float(np.max(np.abs(got - ref)))
    print(f"  batch of {len(seeds)}: max |ort - torch| = {err:.3g}; output {list(got.shape)}, "
          f"range [{got.min():.3f}, {got.max():.3f}]")
    return max(worst, err)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("out")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--no-check", action="store_true", help="skip the onnxruntime-vs-PyTorch check")
    args = ap.parse_args(argv)
    import onnx
    tensors, arch, meta = read_model(args.model)
    model = build_onnx(tensors, arch, meta, args.opset)
    onnx.save(model, args.out)
    print(f"{args.model} -> {args.out}: {len(model.graph.node)} nodes, "
          f"{sum(int(np.prod(t.dims)) for t in model.graph.initializer)} parameters")
    if args.no_check:
        return 0
    err = check(args.model, args.out, tensors, arch, meta)
    if not err <= TOLERANCE:
        print(f"MISMATCH: max error {err:.3g} > {TOLERANCE}", file=sys.stderr)
        return 1
    print(f"OK: max error {err:.3g} <= {TOLERANCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
