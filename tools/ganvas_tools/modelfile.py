"""Reads and writes Ganvas model files (safetensors layout + ganvas metadata; models/README.md)."""
import json
import struct

import numpy as np

DTYPES = {"F16": np.float16, "F32": np.float32}


def write_model(path, tensors, arch, meta, dtype="F16"):
    """Writes `tensors` (name -> array) with `arch` (list of layer dicts) and `meta` (ganvas.* keys
    without the prefix, e.g. {"name": "emoji", ...}) to `path`. Tensor order follows the arch."""
    np_dtype = DTYPES[dtype]
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(np.asarray(array, dtype=np.float32).astype(np_dtype)).astype("<" + np.dtype(np_dtype).str[1:]).tobytes()
        header[name] = {"dtype": dtype, "shape": list(np.shape(array)), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    metadata = {"ganvas.format": "1", "ganvas.arch": json.dumps(arch)}
    for key, value in meta.items():
        metadata["ganvas." + key] = value if isinstance(value, str) else json.dumps(value)
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # keep tensor data 8-byte aligned, as safetensors does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_model(path):
    """Returns (tensors as float32 arrays, arch list, metadata dict)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        arr = np.frombuffer(raw[base + b: base + e], dtype="<" + np.dtype(DTYPES[info["dtype"]]).str[1:])
        tensors[name] = arr.astype(np.float32).reshape(info["shape"])
    return tensors, json.loads(meta["ganvas.arch"]), meta
