"""The quality metrics on inputs whose answers are known: a set against itself, sets apart, a
blank picture."""
import unittest

import numpy as np

from ganvas_tools.pixels import to_pixels
from ganvas_tools.precision_recall import near_blank, near_copy_share, precision_recall
from ganvas_tools.swd import evaluate, level_count


def noise(seed, n=64, size=16):
    return np.random.default_rng(seed).integers(0, 256, size=(n, size, size, 3), dtype=np.uint8)


class PrecisionRecallTests(unittest.TestCase):
    def test_a_set_against_itself_is_all_in(self):
        pictures = noise(1)
        self.assertEqual(precision_recall(pictures, pictures), (1.0, 1.0))

    def test_sets_far_apart_share_nothing(self):
        dark = noise(2) // 8
        light = 255 - noise(3) // 8
        self.assertEqual(precision_recall(dark, light), (0.0, 0.0))

    def test_near_blank_is_a_flat_picture(self):
        flat = np.full((1, 32, 32, 3), 200, np.uint8)
        flags = near_blank(np.concatenate([flat, noise(4, n=1, size=32)]))
        self.assertEqual(list(flags), [True, False])


class NearCopyTests(unittest.TestCase):
    def test_one_template_for_many_seeds_is_counted_and_varied_pictures_are_not(self):
        real_a, real_b, varied = noise(10, n=128, size=32), noise(11, n=128, size=32), noise(12, n=128, size=32)
        template = noise(13, n=1, size=32).astype(np.int16)
        jitter = np.random.default_rng(14).integers(-6, 7, size=(64, 32, 32, 3))
        copies = np.clip(template + jitter, 0, 255).astype(np.uint8)
        collapsed = np.concatenate([copies, varied[:64]])
        share, reference = near_copy_share(collapsed, real_a, real_b)
        self.assertGreaterEqual(share, 0.5)  # the 64 jittered copies, at least
        self.assertLess(reference, 0.2)
        self.assertLess(near_copy_share(varied, real_a, real_b)[0], 0.2)


class SWDTests(unittest.TestCase):
    def test_levels_for_64_px_are_three(self):
        self.assertEqual(level_count(64), 3)

    def test_same_distribution_is_near_its_floor_and_another_is_far(self):
        real = noise(5, n=128)
        same = evaluate(real, noise(6, n=64), count=64, seed=0)
        other = evaluate(real, np.full((64, 16, 16, 3), 128, np.uint8), count=64, seed=0)
        self.assertEqual(len(same["swd_x1e3"]), len(same["swd_floor_x1e3"]))
        self.assertLess(same["ratio"][-1], 1.5, same)
        self.assertGreater(other["ratio"][-1], 5 * same["ratio"][-1], other)

    def test_deterministic_for_a_seed(self):
        real, fake = noise(7, n=64), noise(8, n=32)
        self.assertEqual(evaluate(real, fake, 32, seed=3), evaluate(real, fake, 32, seed=3))


class PixelTests(unittest.TestCase):
    def test_the_byte_formula_at_its_edges(self):
        x = np.array([-1.0, 1.0, 0.0, -2.0, 2.0, np.nan, np.inf, -np.inf, 0.00196], np.float32)
        out = to_pixels(np.tile(x, (1, 3, 1, 1)))[0, 0, :, 0]
        self.assertEqual(list(out), [0, 255, 128, 0, 255, 0, 255, 0, 128])


if __name__ == "__main__":
    unittest.main()
