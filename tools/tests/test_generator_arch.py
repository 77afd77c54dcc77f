"""Each trainable generator's `ganvas.arch` list computes what its PyTorch module does (needs
PyTorch; skipped where it is missing, as in CI, whose Swift goldens check the shipped files)."""
import unittest

try:
    import torch
except ImportError:
    torch = None


@unittest.skipUnless(torch, "needs PyTorch")
class GeneratorArchTests(unittest.TestCase):
    def test_every_arch_exports_what_its_module_computes(self):
        from ganvas_tools.gan import ARCHS, generator_arch, make_generator, run_arch
        torch.manual_seed(0)
        for name in ARCHS:
            with self.subTest(arch=name):
                g = make_generator(name, 16, 8)
                for m in g.modules():  # statistics a trained model would have, not the identity
                    if isinstance(m, torch.nn.BatchNorm2d):
                        m.running_mean.uniform_(-0.5, 0.5)
                        m.running_var.uniform_(0.5, 2.0)
                g.eval()
                arch, names = generator_arch(g)
                state = g.state_dict()
                tensors = {k: state[k].float() for k in names}
                z = torch.randn(3, 16)
                with torch.no_grad():
                    want, got = g(z), run_arch(arch, tensors, z)
                self.assertEqual(tuple(got.shape), (3, 3, 64, 64))
                self.assertLess((want - got).abs().max().item(), 1e-5)
                self.assertGreater(want.std().item(), 1e-3)  # not a constant picture both sides agree on

    def test_the_residual_generator_adds_a_convolution_at_three_resolutions(self):
        from ganvas_tools.gan import generator_arch, make_generator
        plain, _ = generator_arch(make_generator("sle", 16, 8))
        deep, _ = generator_arch(make_generator("sle_res", 16, 8))
        convs = [layer for layer in deep if layer["op"] == "conv2d" and "refine" in layer["weight"]]
        self.assertEqual(len(convs), 3)
        self.assertEqual(sum(layer["op"] == "add" for layer in deep), 3)
        self.assertEqual(len(deep) - len(plain), 12)

    def test_the_residual_generator_starts_as_the_plain_one(self):
        from ganvas_tools.gan import make_generator
        torch.manual_seed(1)
        plain = make_generator("sle", 16, 8).eval()
        deep = make_generator("sle_res", 16, 8).eval()
        deep.load_state_dict(plain.state_dict(), strict=False)
        z = torch.randn(2, 16)
        with torch.no_grad():
            self.assertLess((plain(z) - deep(z)).abs().max().item(), 1e-6)


if __name__ == "__main__":
    unittest.main()
