"""Reads and writes Ganvas model files (safetensors layout + ganvas metadata; models/README.md),
and the plain safetensors files the test fixtures are."""
import json
import os
import struct

import numpy as np

DTYPES = {"F16": np.float16, "F32": np.float32}


def write_safetensors(path, tensors, metadata, dtype="F32"):
    """safetensors: `tensors` (name -> array) in the given order, stored as `dtype`, with the
    `metadata` (str -> str) as given; the header padded to 8 bytes, as safetensors does. Written
    here rather than with safetensors.save_file, whose metadata order is not deterministic."""
    np_dtype = np.dtype(DTYPES[dtype]).newbyteorder("<")
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(np.asarray(array, dtype=np.float32).astype(np_dtype)).tobytes()
        header[name] = {"dtype": dtype, "shape": list(np.shape(array)), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def write_model(path, tensors, arch, meta, dtype="F16"):
    """Writes `tensors` (name -> array) with `arch` (list of layer dicts) and `meta` (ganvas.* keys
    without the prefix, e.g. {"name": "emoji", ...}) to `path`. Tensor order follows the arch."""
    metadata = {"ganvas.format": "1", "ganvas.arch": json.dumps(arch)}
    for key, value in meta.items():
        metadata["ganvas." + key] = value if isinstance(value, str) else json.dumps(value)
    write_safetensors(path, tensors, metadata, dtype)


def split_header(raw):
    """(header dict, offset of the tensor data) of a safetensors file's bytes."""
    (n,) = struct.unpack("<Q", raw[:8])
    return json.loads(raw[8:8 + n]), 8 + n


def read_model(path):
    """Returns (tensors as float32 arrays, arch list, metadata dict)."""
    with open(path, "rb") as f:
        raw = f.read()
    header, base = split_header(raw)
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        arr = np.frombuffer(raw[base + b: base + e], dtype=np.dtype(DTYPES[info["dtype"]]).newbyteorder("<"))
        tensors[name] = arr.astype(np.float32).reshape(info["shape"])
    return tensors, json.loads(meta["ganvas.arch"]), meta


def update_metadata(path, changes):
    """Sets metadata keys (full names, e.g. "ganvas.quality") of a model file in place, tensors
    untouched; written to a temporary file and renamed over the old one. Returns the metadata."""
    with open(path, "rb") as f:
        raw = f.read()
    header, base = split_header(raw)
    meta = header.setdefault("__metadata__", {})
    meta.update(changes)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + raw[base:])
    os.replace(tmp, path)
    return meta
