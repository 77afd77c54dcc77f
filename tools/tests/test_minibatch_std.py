"""D's minibatch standard deviation (`train.py --mbstd G`): D must see how varied each group of
pictures is, and the reals and fakes of one batch must never share a group (needs PyTorch;
skipped where it is missing, as in CI)."""
import subprocess
import sys
import unittest
from pathlib import Path

try:
    import torch
except ImportError:
    torch = None

TOOLS = Path(__file__).resolve().parents[1]


@unittest.skipUnless(torch, "needs PyTorch")
class MinibatchStdTests(unittest.TestCase):
    def setUp(self):
        from ganvas_tools.gan import Discriminator
        torch.manual_seed(0)
        self.D = Discriminator(8, mbstd=4).eval()
        self.pictures = torch.rand(8, 3, 64, 64) * 2 - 1

    def test_d_scores_a_picture_by_how_varied_its_group_is(self):
        copies = self.pictures[:1].repeat(4, 1, 1, 1)
        varied = torch.cat([self.pictures[:1], self.pictures[1:4]])
        with torch.no_grad():
            among_copies, among_varied = self.D(copies)[0].item(), self.D(varied)[0].item()
        self.assertGreater(abs(among_copies - among_varied), 1e-4)

    def test_reals_and_fakes_do_not_share_a_group(self):
        fakes_changed = torch.cat([self.pictures[:4], torch.zeros(4, 3, 64, 64)])
        with torch.no_grad():
            before, after = self.D(self.pictures), self.D(fakes_changed)
        torch.testing.assert_close(before[:4], after[:4])
        self.assertFalse(torch.allclose(before[4:], after[4:]))

    def test_off_by_default(self):
        from ganvas_tools.gan import Discriminator
        self.assertEqual(Discriminator(8).net[8].weight.shape[1], 64)
        self.assertEqual(self.D.net[8].weight.shape[1], 65)

    def test_a_batch_that_would_mix_them_is_refused(self):
        run = subprocess.run([sys.executable, str(TOOLS / "train.py"), "nowhere", "/tmp/ganvas-mbstd-refused",
                              "--batch", "30", "--mbstd", "4"], capture_output=True, text=True, cwd=TOOLS)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("multiple of --mbstd", run.stderr)


if __name__ == "__main__":
    unittest.main()
