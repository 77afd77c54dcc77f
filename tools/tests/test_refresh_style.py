"""refresh_style.py's plan: which tools run, in which order, on which files, and which card each
measured figure goes into; a style without an encoder or upscaler skips those steps."""
import os
import subprocess
import sys
import tempfile
import unittest

from refresh_style import companions, hr_mismatch, plan


class RefreshPlanTests(unittest.TestCase):
    model = "models/x.safetensors"
    encoder, upscaler = companions(model)
    card = {"ganvas.dataset": "D", "ganvas.license": "L"}

    def steps(self, cards, hr="/hr", shell=True):
        return plan(self.model, "/real", hr, ["/other"], [13, 7], shell, "/tmp/s.safetensors", cards)

    @staticmethod
    def tools(steps):
        return [os.path.basename(command[1]) for _, command, _ in steps]

    def test_a_style_with_encoder_and_upscaler(self):
        steps = self.steps({self.encoder: self.card, self.upscaler: {}})
        self.assertEqual(self.tools(steps), ["evaluate.py", "train_encoder.py", "train_encoder.py",
                                             "evaluate_encoder.py", "evaluate_upscaler.py", "make_goldens.py"])
        self.assertEqual(steps[0][2], (self.model, False), "the generator's figures replace its card's")
        self.assertEqual(steps[3][2], (self.encoder, True), "the encoder's set figures merge into its card")
        self.assertEqual(steps[4][2], (self.upscaler, True))
        scratch, fine = steps[1][1], steps[2][1]
        self.assertEqual(scratch[scratch.index("--minutes") + 1], "13")
        self.assertIn("/tmp/s.safetensors", scratch)
        self.assertEqual(fine[fine.index("--init-from") + 1], "/tmp/s.safetensors")
        self.assertEqual(fine[fine.index("--dataset") + 1], "D")
        self.assertEqual(fine[fine.index("--license") + 1], "L")
        self.assertIn("--shell", fine)
        self.assertEqual(steps[-1][1][2:], [self.model, self.encoder, self.upscaler])

    def test_missing_companions_and_no_hr_skip_their_steps(self):
        steps = self.steps({}, hr=None)
        self.assertEqual(self.tools(steps), ["evaluate.py", "make_goldens.py"])
        self.assertEqual(steps[-1][1][2:], [self.model])
        steps = self.steps({self.upscaler: {}}, hr=None)
        self.assertNotIn("evaluate_upscaler.py", self.tools(steps))

    def test_a_rehearsal_measures_small_and_writes_no_goldens(self):
        steps = plan(self.model, "/real", "/hr", [], [0.05, 0.05], True, "/tmp/s", {self.encoder: self.card,
                     self.upscaler: {}}, rehearse=True)
        self.assertNotIn("make_goldens.py", self.tools(steps))
        for _, command, _ in steps:
            if os.path.basename(command[1]).startswith("evaluate"):
                self.assertIn("--count", command)

    def test_no_shell_reaches_the_encoder(self):
        steps = self.steps({self.encoder: self.card}, shell=False)
        self.assertIn("--no-shell", steps[1][1])
        self.assertNotIn("--shell", steps[1][1])


class HighResolutionCheckTests(unittest.TestCase):
    @staticmethod
    def folder_of(side):
        folder = tempfile.mkdtemp()
        ihdr = b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + side.to_bytes(4, "big") * 2
        with open(os.path.join(folder, "00000.png"), "wb") as f:
            f.write(ihdr + bytes(5))
        return folder

    def test_pictures_of_the_wrong_size_are_refused(self):
        problem = hr_mismatch({"ganvas.resolution": "64", "ganvas.scale": "2"}, self.folder_of(256))
        self.assertIn("256x256", problem)
        self.assertIn("--size 128", problem)

    def test_the_upscalers_size_passes(self):
        self.assertIsNone(hr_mismatch({"ganvas.resolution": "64", "ganvas.scale": "4"}, self.folder_of(256)))

    def test_an_empty_folder_is_refused(self):
        self.assertIn("no pictures", hr_mismatch({"ganvas.resolution": "64", "ganvas.scale": "2"}, tempfile.mkdtemp()))

    def test_a_dry_run_prints_the_steps_and_leaves_no_scratch_folder(self):
        tools = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        model = os.path.join(os.path.dirname(tools), "models", "glyphs.safetensors")
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([sys.executable, os.path.join(tools, "refresh_style.py"), model, "--real", "/real",
                                  "--dry-run"], env={**os.environ, "TMPDIR": tmp},
                                 capture_output=True, text=True, check=True).stdout
            self.assertIn("# the generator's figures", out)
            self.assertIn("make_goldens.py", out)
            self.assertEqual(os.listdir(tmp), [])


if __name__ == "__main__":
    unittest.main()
