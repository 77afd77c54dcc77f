"""Model files: what is written reads back (F16 and F32), the layout is safetensors' (8-byte
aligned header), and a card update keeps every tensor byte."""
import json
import os
import struct
import tempfile
import unittest

import numpy as np

from ganvas_tools.modelfile import read_model, split_header, update_metadata, write_model, write_safetensors


class ModelFileTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        rng = np.random.default_rng(3)
        self.tensors = {"w": rng.normal(size=(4, 3, 2, 2)).astype(np.float32), "b": rng.normal(size=(4,)).astype(np.float32)}
        self.arch = [{"op": "conv", "weight": "w", "bias": "b"}]

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def test_round_trip_in_f16_and_f32(self):
        for dtype, tolerance in (("F32", 0.0), ("F16", 1e-3)):
            with self.subTest(dtype=dtype):
                write_model(self.path("m.safetensors"), self.tensors, self.arch, {"name": "x", "steps": 12}, dtype=dtype)
                tensors, arch, meta = read_model(self.path("m.safetensors"))
                self.assertEqual(arch, self.arch)
                self.assertEqual(meta["ganvas.name"], "x")
                self.assertEqual(meta["ganvas.steps"], "12")
                self.assertEqual(meta["ganvas.format"], "1")
                self.assertEqual(list(tensors), ["w", "b"])
                for name, array in self.tensors.items():
                    self.assertEqual(tensors[name].shape, array.shape)
                    self.assertLessEqual(float(np.abs(tensors[name] - array).max()), tolerance)

    def test_layout_is_safetensors(self):
        write_safetensors(self.path("f.safetensors"), self.tensors, {"k": "v"})
        with open(self.path("f.safetensors"), "rb") as f:
            raw = f.read()
        (n,) = struct.unpack("<Q", raw[:8])
        self.assertEqual(n % 8, 0, "the header keeps tensor data 8-byte aligned")
        header = json.loads(raw[8:8 + n])
        self.assertEqual(header["__metadata__"], {"k": "v"})
        self.assertEqual(header["w"]["data_offsets"], [0, 4 * 48])
        self.assertEqual(len(raw), 8 + n + 4 * (48 + 4))
        first = np.frombuffer(raw[8 + n: 8 + n + 4], "<f4")[0]
        self.assertEqual(first, self.tensors["w"].flat[0])

    def test_a_card_update_keeps_the_tensors(self):
        write_model(self.path("m.safetensors"), self.tensors, self.arch, {"name": "x"})
        with open(self.path("m.safetensors"), "rb") as f:
            before = f.read()
        meta = update_metadata(self.path("m.safetensors"), {"ganvas.description": "a longer description than before"})
        with open(self.path("m.safetensors"), "rb") as f:
            after = f.read()
        self.assertEqual(meta["ganvas.description"], "a longer description than before")
        (_, base_before), (header, base_after) = split_header(before), split_header(after)
        self.assertEqual(before[base_before:], after[base_after:])
        self.assertEqual(header["__metadata__"]["ganvas.name"], "x")
        self.assertFalse(os.path.exists(self.path("m.safetensors.tmp")))


if __name__ == "__main__":
    unittest.main()
