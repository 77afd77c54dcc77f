"""Seed -> latent, the same bits as the Swift engine: both sides check tests/seeded_latents.json
(Swift in Tests/LatentTests/LatentTests.swift)."""
import json
import os
import struct
import unittest

from ganvas_tools.latent import prior_latents, seeded_component, seeded_latent, splitmix64

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


class SeededComponentTests(unittest.TestCase):
    """A seed's cluster in a model with a mixture prior (train.py --clusters)."""

    def test_components_follow_the_weights(self):
        weights = [0.5, 0.0, 0.3, 0.2]
        counts = [0] * 4
        for seed in range(1, 4001):
            counts[seeded_component(seed, weights)] += 1
        self.assertEqual(counts[1], 0)  # a weight of 0 is never drawn
        for got, want in zip(counts, weights):
            self.assertAlmostEqual(got / 4000, want, delta=0.03)

    def test_the_same_seed_gives_the_same_component_and_a_shifted_latent(self):
        weights = [0.25] * 4
        picks = [seeded_component(seed, weights) for seed in range(1, 9)]
        self.assertEqual(picks, [seeded_component(seed, weights) for seed in range(1, 9)])
        self.assertGreater(len(set(picks)), 1)
        means = [[10.0 * c, -1.0] for c in range(4)]
        z = prior_latents(range(1, 9), 2, means, weights)
        for row, seed, c in zip(z, range(1, 9), picks):
            base = seeded_latent(seed, 2)
            self.assertAlmostEqual(float(row[0]), base[0] + 10.0 * c, places=4)
            self.assertAlmostEqual(float(row[1]), base[1] - 1.0, places=4)


if __name__ == "__main__":
    unittest.main()
