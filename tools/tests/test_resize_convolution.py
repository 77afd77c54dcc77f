"""G's `--upsample nearest`: a ResizeConvolution must be nearest upsampling + a 3x3 convolution,
draw no checkerboard, and export as the plain transposed convolution the engine runs (needs
PyTorch; skipped where it is missing, as in CI)."""
import unittest

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    torch = None


@unittest.skipUnless(torch, "needs PyTorch")
class ResizeConvolutionTests(unittest.TestCase):
    def setUp(self):
        from ganvas_tools.upsampling import ResizeConvolution
        torch.manual_seed(0)
        self.layer = ResizeConvolution(5, 7, bias=True)

    def test_it_is_nearest_upsampling_then_a_3x3_convolution(self):
        x = torch.randn(2, 5, 6, 6)
        expected = F.conv2d(F.interpolate(x, scale_factor=2, mode="nearest"), self.layer.weight.transpose(0, 1),
                            self.layer.bias, padding=1)
        torch.testing.assert_close(self.layer(x), expected, atol=1e-5, rtol=1e-5)

    def test_a_flat_input_gives_a_flat_output_away_from_the_border(self):
        from torch import nn
        flat = torch.ones(1, 5, 8, 8)
        inner = self.layer(flat)[..., 2:-2, 2:-2]
        self.assertLess((inner - inner[..., :1, :1]).abs().max().item(), 1e-5)
        free = nn.ConvTranspose2d(5, 7, 4, 2, 1)  # what it replaces: a checkerboard of period 2
        inner = free(flat)[..., 2:-2, 2:-2]
        self.assertGreater((inner - inner[..., :1, :1]).abs().max().item(), 1e-3)

    def test_the_exported_graph_draws_what_the_trained_generator_draws(self):
        from ganvas_tools.gan import generator_arch, make_generator, run_arch
        from ganvas_tools.upsampling import folded
        G = make_generator("sle", 32, 8, upsample="nearest").eval()
        plain = folded(G)
        arch, names = generator_arch(plain)
        state = plain.state_dict()
        self.assertEqual(tuple(state["net.3.weight"].shape), (64, 32, 4, 4))
        z = torch.randn(3, 32)
        with torch.no_grad():
            torch.testing.assert_close(run_arch(arch, {n: state[n] for n in names}, z), G(z), atol=1e-5, rtol=1e-5)

    def test_the_default_generator_keeps_its_tensor_names(self):
        from ganvas_tools.gan import make_generator
        names = list(make_generator("sle", 32, 8).state_dict())
        self.assertEqual(names, list(make_generator("sle", 32, 8, upsample="nearest").state_dict()))
        self.assertIn("net.12.bias", names)


if __name__ == "__main__":
    unittest.main()
