"""Cluster-conditioned training (`train.py --clusters K`): the data's clusters, the generator's
mixture prior (in torch and as the exported graph's first layers), the projection
discriminator, and a run conditioned at a resume (needs
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


def three_colours(n_each=6, seed=0):
    """uint8 [3 n_each, 64, 64, 3]: reddish pictures, then greenish, then bluish, with noise."""
    rng = np.random.default_rng(seed)
    groups = []
    for channel in range(3):
        group = rng.integers(0, 60, (n_each, 64, 64, 3))
        group[..., channel] += 190
        groups.append(group)
    return np.concatenate(groups).astype(np.uint8)


@unittest.skipUnless(torch, "needs PyTorch")
class ClusterConditioningTests(unittest.TestCase):
    def test_clusters_split_pictures_by_what_they_look_like(self):
        from ganvas_tools.clusters import cluster_pictures, cluster_weights
        pictures = torch.from_numpy(three_colours()).permute(0, 3, 1, 2)
        labels = cluster_pictures(pictures, 3)
        self.assertEqual(self.groups(labels.tolist()), 3)
        self.assertTrue(torch.allclose(cluster_weights(labels, 3), torch.full((3,), 1 / 3)))
        with self.assertRaises(ValueError):
            cluster_pictures(pictures, 19)

    def test_the_prior_layers_compute_the_sector_formula(self):
        from ganvas_tools.sector_prior import memberships, prior_layers, sector_of, shifted
        from ganvas_tools.torch_arch import forward
        rng = np.random.default_rng(0)
        weights = rng.random(12) + 0.2
        weights /= weights.sum()
        means = rng.normal(size=(12, 16))
        z = rng.normal(size=(20000, 16)).astype(np.float32)
        layers, tensors = prior_layers(means, weights)
        got = forward([{"op": "reshape", "shape": [16, 1, 1]}] + layers, tensors, z).reshape(len(z), 16).numpy()
        want = shifted(torch.from_numpy(z).double(), torch.from_numpy(means), weights).numpy()
        self.assertLess(np.abs(got - want).max(), 1e-3)
        self.assertGreater(np.abs(got - z).sum(axis=1).min(), 0.1)
        share = memberships(torch.from_numpy(z).double(), weights).numpy()
        away = np.hypot(z[:, -2], z[:, -1]) > 0.1  # where the boundaries' bands do not meet
        self.assertLess(np.abs(share[away].sum(1) - 1).max(), 1e-9)  # a partition of unity, bands included
        self.assertLess((share.max(1) < 0.999).mean(), 0.02)  # few seeds blend two clusters
        labels = sector_of(z, weights)
        self.assertTrue((labels == share.argmax(1)).all())
        self.assertLess(np.abs(np.bincount(labels, minlength=12) / len(z) - weights).max(), 0.01)
        self.assertTrue((sector_of(0.2 * z, weights) == labels).all())  # psi keeps the cluster
        with self.assertRaises(ValueError):
            prior_layers(means[:2], [0.6, 0.4])

    def test_the_generator_and_discriminator_use_the_clusters(self):
        from ganvas_tools.gan import Discriminator, make_generator
        from ganvas_tools.sector_prior import shifted
        torch.manual_seed(0)
        g = make_generator("sle", 16, 8, clusters=3).eval()
        z = torch.randn(4, 16)
        with torch.no_grad():
            want = g.trunk(shifted(z, g.prior.means, g.prior.weights))
            self.assertLess((g(z) - want).abs().max().item(), 1e-4)
            self.assertGreater((g(z) - g.trunk(z)).abs().max().item(), 1e-3)
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
            np.savez(data, pictures=three_colours())
            common = ["--threads", "1", "--ckpt-every", "2", "--sample-every", "2", "--log-every", "1"]
            self.tool("train.py", data, run, "--arch", "sle", "--ngf", "8", "--ndf", "8", "--latent-dim", "16",
                      "--batch", "4", "--steps", "2", *common)
            self.assertIsNone(torch.load(last, weights_only=False)["cluster_labels"])
            # Conditioned from step 2, its strength rising to 1 at step 6; then resumed as conditioned.
            self.tool("train.py", data, run, "--resume", "--clusters", "3", "--cluster-ramp", "2", "6", "--steps", "4",
                      *common)
            ckpt = torch.load(last, weights_only=False)
            self.assertEqual((ckpt["config"]["clusters"], ckpt["config"]["conditioned_from"]), (3, 2))
            self.assertAlmostEqual(ckpt["G_ema"]["prior.strength"].item(), 0.25)  # set for the step from 3 to 4
            self.assertIn("embed.parametrizations.weight.original", ckpt["D"])
            self.assertEqual(len(ckpt["opt_g"]["param_groups"]), 2)
            self.assertEqual(self.groups(ckpt["cluster_labels"].tolist()), 3)
            self.tool("train.py", data, run, "--resume", "--steps", "7", *common)
            ckpt = torch.load(last, weights_only=False)
            self.assertEqual((ckpt["step"], ckpt["G_ema"]["prior.strength"].item()), (7, 1.0))
            self.tool("export.py", last, model, "--name", "t", "--description", "d",
                      "--dataset", "synthetic", "--license", "CC0-1.0")
            tensors, arch, _ = read_model(model)
            self.assertEqual([layer["op"] for layer in arch[:6]], ["reshape", "conv2d", "relu", "conv2d", "relu", "conv2d"])
            self.assertEqual(tensors["prior.3.weight"].shape, (16, 2 * 16 + 2 * 3, 1, 1))
            pictures = generate(model, 3)
            self.assertEqual(pictures.shape, (3, 64, 64, 3))
            self.assertGreater(pictures.std(), 1.0)
            out = self.tool("train.py", data, run, "--resume", "--clusters", "4", "--steps", "8", *common, check=False)
            self.assertIn("cannot change", out.stderr)
            np.savez(data, pictures=three_colours()[:12])
            out = self.tool("train.py", data, run, "--resume", "--steps", "8", *common, check=False)
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("clustered on 18 pictures", out.stderr)

    def test_a_prior_only_run_leaves_the_data_and_d_unconditioned(self):
        with tempfile.TemporaryDirectory() as tmp:
            data, run = os.path.join(tmp, "data.npz"), os.path.join(tmp, "run")
            np.savez(data, pictures=three_colours())
            self.tool("train.py", data, run, "--arch", "sle", "--ngf", "8", "--ndf", "8", "--latent-dim", "16",
                      "--batch", "4", "--clusters", "4", "--cluster-mode", "prior", "--steps", "2", "--threads", "1")
            ckpt = torch.load(os.path.join(run, "last.pt"), weights_only=False)
            self.assertIsNone(ckpt["cluster_labels"])
            self.assertEqual(ckpt["G"]["prior.means"].shape, (4, 16))
            self.assertTrue(torch.equal(ckpt["G"]["prior.weights"], torch.full((4,), 0.25)))
            self.assertFalse([k for k in ckpt["D"] if k.startswith("embed")])
            out = self.tool("train.py", data, os.path.join(tmp, "two"), "--clusters", "2", "--cluster-mode", "prior",
                            "--steps", "1", check=False)
            self.assertIn("--clusters 2: needs 3 or more", out.stderr)

    @staticmethod
    def groups(labels):
        """How many distinct clusters the three colour groups got, if each group got one (else 0)."""
        per_group = [set(labels[i:i + 6]) for i in (0, 6, 12)]
        return len(set.union(*per_group)) if all(len(g) == 1 for g in per_group) else 0

    def tool(self, name, *args, check=True):
        out = subprocess.run([sys.executable, os.path.join(TOOLS, name), *args], capture_output=True, text=True,
                             cwd=TOOLS)
        if check:
            self.assertEqual(out.returncode, 0, out.stderr[-2000:])
        return out


if __name__ == "__main__":
    unittest.main()
