"""MSGAN's mode-seeking term (`train.py --mode-seeking W`): it must grow as pictures from
different latents become alike, and its gradient must push a pair of pictures apart (needs
PyTorch; skipped where it is missing, as in CI)."""
import unittest

try:
    import torch
except ImportError:
    torch = None


@unittest.skipUnless(torch, "needs PyTorch")
class ModeSeekingTests(unittest.TestCase):
    def test_alike_pictures_cost_more_than_varied_ones(self):
        from ganvas_tools.gan_losses import mode_seeking_penalty
        gen = torch.Generator().manual_seed(0)
        latents = torch.randn(8, 16, generator=gen)
        varied = torch.rand(8, 3, 8, 8, generator=gen) * 2 - 1
        alike = varied[:1].repeat(8, 1, 1, 1) + 0.01 * torch.randn(8, 3, 8, 8, generator=gen)
        self.assertGreater(mode_seeking_penalty(alike, latents).item(),
                           10 * mode_seeking_penalty(varied, latents).item())

    def test_gradient_pushes_the_pair_apart(self):
        from ganvas_tools.gan_losses import mode_seeking_penalty
        latents = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        fake = torch.tensor([[0.1, 0.2], [0.0, 0.0]]).view(2, 1, 1, 2).requires_grad_(True)
        mode_seeking_penalty(fake, latents).backward()
        stepped = (fake - 0.01 * fake.grad).detach()  # one step of gradient descent on the term
        self.assertGreater((stepped[0] - stepped[1]).abs().sum().item(),
                           (fake[0] - fake[1]).abs().sum().item())

    def test_a_batch_of_one_has_no_pair_and_costs_nothing(self):
        from ganvas_tools.gan_losses import mode_seeking_penalty
        self.assertEqual(mode_seeking_penalty(torch.ones(1, 3, 4, 4), torch.ones(1, 8)).item(), 0.0)

    def test_in_feature_space_it_measures_d_features_and_reaches_the_pictures(self):
        from contextlib import nullcontext
        from ganvas_tools.gan import Discriminator
        from ganvas_tools.gan_losses import mode_seeking_penalty, seen_apart
        torch.manual_seed(0)
        D = Discriminator(8)
        fake = (torch.rand(4, 3, 64, 64) * 2 - 1).requires_grad_(True)
        cfg = {"mode_seeking_space": "features"}
        seen = seen_apart(D, fake, cfg, nullcontext)
        self.assertEqual(tuple(seen.shape), (4, 32, 8, 8))
        mode_seeking_penalty(seen, torch.randn(4, 16)).backward()
        self.assertGreater(fake.grad.abs().sum().item(), 0.0)
        self.assertIs(seen_apart(D, fake, {"mode_seeking_space": "pixels"}, nullcontext), fake)

    def test_a_resume_switches_it_on_from_that_step_and_records_when(self):
        from ganvas_tools.train_config import parser, run_config
        flags = ["data", "run", "--arch", "sle", "--batch", "8"]
        fresh = run_config(parser("t").parse_args(flags), None)
        self.assertEqual((fresh["mode_seeking"], fresh["mode_seeking_space"]), (0.0, "pixels"))
        ckpt = {"config": dict(fresh), "step": 1200}
        again = run_config(parser("t").parse_args(["data", "run", "--resume"]), {"config": dict(fresh), "step": 1200})
        self.assertNotIn("mode_seeking_changes", again)
        args = parser("t").parse_args(["data", "run", "--resume", "--mode-seeking", "0.2",
                                       "--mode-seeking-space", "features"])
        branched = run_config(args, ckpt)
        self.assertEqual((branched["mode_seeking"], branched["mode_seeking_space"]), (0.2, "features"))
        self.assertEqual(branched["mode_seeking_changes"],
                         [{"step": 1200, "mode_seeking": 0.2}, {"step": 1200, "mode_seeking_space": "features"}])
        self.assertEqual(branched["batch"], 8)  # what was not given stays the run's


if __name__ == "__main__":
    unittest.main()
