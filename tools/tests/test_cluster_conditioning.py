"""Cluster-conditioned training (`train.py --clusters K`): the data's clusters, the generator's
mixture prior, the projection discriminator, and a model file that carries its prior (needs
PyTorch; skipped where it is missing, as in CI)."""
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

try:
    import torch
except ImportError:
    torch = None

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def two_colours(n_each=8, seed=0):
    """uint8 [2 n_each, 64, 64, 3]: reddish pictures, then bluish ones, with noise."""
    rng = np.random.default_rng(seed)
    red = rng.integers(0, 60, (n_each, 64, 64, 3))
    red[..., 0] += 190
    blue = rng.integers(0, 60, (n_each, 64, 64, 3))
    blue[..., 2] += 190
    return np.concatenate([red, blue]).astype(np.uint8)


@unittest.skipUnless(torch, "needs PyTorch")
class ClusterConditioningTests(unittest.TestCase):
    def test_clusters_split_pictures_by_what_they_look_like(self):
        from ganvas_tools.clusters import cluster_pictures, cluster_weights
        pictures = torch.from_numpy(two_colours()).permute(0, 3, 1, 2)
        labels = cluster_pictures(pictures, 2)
        self.assertEqual(len(set(labels[:8].tolist())), 1)
        self.assertEqual(len(set(labels[8:].tolist())), 1)
        self.assertNotEqual(labels[0].item(), labels[8].item())
        self.assertEqual(cluster_weights(labels, 2).tolist(), [0.5, 0.5])
        with self.assertRaises(ValueError):
            cluster_pictures(pictures, 17)

    def test_the_prior_shifts_z_and_the_discriminator_reads_labels(self):
        from ganvas_tools.gan import Discriminator, make_generator
        torch.manual_seed(0)
        g = make_generator("sle", 16, 8, clusters=3).eval()
        z, labels = torch.randn(4, 16), torch.tensor([0, 1, 2, 1])
        with torch.no_grad():
            self.assertTrue(torch.equal(g(z, labels), g(z + g.prior.means[labels])))
            self.assertFalse(torch.equal(g(z, labels), g(z)))
        d = Discriminator(8, clusters=3).eval()
        x = torch.randn(4, 3, 64, 64)
        with torch.no_grad():
            a = d(x, labels=torch.tensor([0, 0, 0, 0]))
            b = d(x, labels=torch.tensor([1, 1, 1, 1]))
        self.assertGreater((a - b).abs().max().item(), 1e-6)

    def test_a_run_is_conditioned_at_a_resume_ramps_up_and_exports_its_prior(self):
        from ganvas_tools.modelfile import read_model
        from ganvas_tools.torch_arch import generate
        with tempfile.TemporaryDirectory() as tmp:
            data, run, model = (os.path.join(tmp, p) for p in ("data.npz", "run", "m.safetensors"))
            last = os.path.join(run, "last.pt")
            np.savez(data, pictures=two_colours())
            common = ["--threads", "1", "--ckpt-every", "2", "--sample-every", "2", "--log-every", "1"]
            self.tool("train.py", data, run, "--arch", "sle", "--ngf", "8", "--ndf", "8", "--latent-dim", "16",
                      "--batch", "4", "--steps", "2", *common)
            self.assertIsNone(torch.load(last, weights_only=False)["cluster_labels"])
            # Conditioned from step 2, its strength rising to 1 at step 6; then resumed as conditioned.
            self.tool("train.py", data, run, "--resume", "--clusters", "2", "--cluster-ramp", "2", "6", "--steps", "4",
                      *common)
            ckpt = torch.load(last, weights_only=False)
            self.assertEqual((ckpt["config"]["clusters"], ckpt["config"]["conditioned_from"]), (2, 2))
            self.assertAlmostEqual(ckpt["G_ema"]["prior.strength"].item(), 0.25)  # set for the step from 3 to 4
            self.assertIn("embed.parametrizations.weight.original", ckpt["D"])
            self.assertEqual(len(ckpt["opt_g"]["param_groups"]), 2)
            labels = ckpt["cluster_labels"].tolist()
            self.assertEqual(sorted(set(labels[:8])) + sorted(set(labels[8:])), [labels[0], labels[8]])
            self.assertNotEqual(labels[0], labels[8])
            self.tool("train.py", data, run, "--resume", "--steps", "7", *common)
            ckpt = torch.load(last, weights_only=False)
            self.assertEqual((ckpt["step"], ckpt["G_ema"]["prior.strength"].item()), (7, 1.0))
            self.tool("export.py", last, model, "--name", "t", "--description", "d",
                      "--dataset", "synthetic", "--license", "CC0-1.0")
            tensors, _, meta = read_model(model)
            self.assertEqual(meta["ganvas.prior"], "mixture")
            self.assertEqual(tensors["prior.means"].shape, (2, 16))
            self.assertAlmostEqual(float(tensors["prior.weights"].sum()), 1.0, places=3)
            self.assertEqual(generate(model, 3).shape, (3, 64, 64, 3))
            out = self.tool("train.py", data, run, "--resume", "--clusters", "3", "--steps", "8", *common, check=False)
            self.assertIn("cannot change", out.stderr)
            np.savez(data, pictures=two_colours()[:12])
            out = self.tool("train.py", data, run, "--resume", "--steps", "8", *common, check=False)
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("clustered on 16 pictures", out.stderr)

    def tool(self, name, *args, check=True):
        out = subprocess.run([sys.executable, os.path.join(TOOLS, name), *args], capture_output=True, text=True,
                             cwd=TOOLS)
        if check:
            self.assertEqual(out.returncode, 0, out.stderr[-2000:])
        return out


if __name__ == "__main__":
    unittest.main()
