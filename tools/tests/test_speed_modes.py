"""`train.py --precision auto`: bf16 only where this machine runs it clearly faster than fp32 (a CPU
without native bf16 emulates it, 16x slower a step on an AVX2 machine). Needs PyTorch; skipped
where it is missing, as in CI."""
import unittest

try:
    import torch
except ImportError:
    torch = None


@unittest.skipUnless(torch, "needs PyTorch")
class PrecisionChoiceTests(unittest.TestCase):
    def test_bf16_only_when_clearly_faster(self):
        from ganvas_tools.speed_modes import choose_precision
        self.assertEqual(choose_precision(fp32_seconds=0.30, bf16_seconds=0.19), "bf16")  # AVX-512 BF16
        self.assertEqual(choose_precision(fp32_seconds=1.0, bf16_seconds=16.0), "fp32")   # AVX2, emulated
        self.assertEqual(choose_precision(fp32_seconds=1.0, bf16_seconds=0.95), "fp32")   # a tie

    def test_explicit_choice_is_kept_and_auto_probes_this_cpu(self):
        from ganvas_tools.speed_modes import resolve_precision
        cpu = torch.device("cpu")
        self.assertEqual(resolve_precision("bf16", cpu, torch.channels_last), ("bf16", "as asked"))
        chosen, why = resolve_precision("auto", cpu, torch.channels_last)
        self.assertIn(chosen, ("bf16", "fp32"))
        self.assertRegex(why, r"fp32, [0-9.]+ ms in bf16")


if __name__ == "__main__":
    unittest.main()
