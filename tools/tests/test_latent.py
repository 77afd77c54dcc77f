"""Seed -> latent, the same bits as the Swift engine: both sides check tests/seeded_latents.json
(Swift in Tests/LatentTests/LatentTests.swift)."""
import json
import os
import struct
import unittest

from ganvas_tools.latent import seeded_latent, splitmix64

HERE = os.path.dirname(os.path.abspath(__file__))


def bits(values):
    return [struct.pack("<f", v) for v in values]


class SeededLatentTests(unittest.TestCase):
    def test_the_shared_cases_match_bit_for_bit(self):
        with open(os.path.join(HERE, "seeded_latents.json")) as f:
            cases = json.load(f)["cases"]
        self.assertGreaterEqual(len(cases), 5)
        for case in cases:
            with self.subTest(seed=case["seed"]):
                self.assertEqual(bits(seeded_latent(int(case["seed"]), case["dimension"])), bits(case["latent"]))

    def test_splitmix64_known_start(self):
        words = splitmix64(0)
        self.assertEqual([next(words), next(words)], [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4])

    def test_seeds_outside_64_bits_are_refused(self):
        with self.assertRaises(ValueError):
            seeded_latent(-1, 4)
        with self.assertRaises(ValueError):
            seeded_latent(2**64, 4)


if __name__ == "__main__":
    unittest.main()
