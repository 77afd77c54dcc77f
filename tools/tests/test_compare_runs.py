"""compare_runs.py on two made-up runs: snapshots line up by step, and by training minutes only
where the other run got that far."""
import contextlib
import io
import json
import os
import tempfile
import unittest

import compare_runs


def make_run(root, name, snapshots, minutes_per_step):
    run = os.path.join(root, name)
    os.makedirs(os.path.join(run, "snapshots"))
    for step, (ratio, precision, recall) in snapshots.items():
        with open(os.path.join(run, "snapshots", f"step_{step:06d}-512-0.json"), "w") as f:
            json.dump({"ratio": {"mean": [ratio, ratio, ratio, ratio]},
                       "precision": {"mean": precision}, "recall": {"mean": recall}}, f)
    with open(os.path.join(run, "log.jsonl"), "w") as f:
        for step in range(0, 10001, 500):
            f.write(json.dumps({"step": step, "train_min": step * minutes_per_step}) + "\n")
        f.write('{"step": 10500, "train_')  # a run stopped mid-line
    return run


class CompareRunsTests(unittest.TestCase):
    def run_tool(self, *runs):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            compare_runs.main(list(runs))
        return out.getvalue()

    def test_equal_steps_and_equal_minutes(self):
        with tempfile.TemporaryDirectory() as root:
            slow = make_run(root, "slow", {2000: (3.0, 0.3, 0.1), 4000: (2.0, 0.4, 0.2)}, 0.02)
            fast = make_run(root, "fast", {2000: (2.5, 0.3, 0.1), 4000: (1.5, 0.5, 0.3), 8000: (1.2, 0.6, 0.4)}, 0.01)
            text = self.run_tool(slow, fast)
        self.assertIn("   4000  2.00 / 2.00 / 2.00 (2.00)  P 0.40 R 0.20  |  1.50 / 1.50 / 1.50 (1.50)", text)
        self.assertIn("   8000  -  |  1.20", text)
        timed = text.split("at equal training minutes")[1]
        # slow's step 4000 took 80 minutes, as long as fast's step 8000; its step 2000 (40 min) pairs with 4000.
        self.assertIn("slow step 4000 (80 min): 2.00", timed)
        self.assertIn("fast step 8000 (80 min): 1.20", timed)
        self.assertIn("fast step 4000 (40 min): 1.50", timed)

    def test_no_partner_when_the_other_run_did_not_get_that_far(self):
        with tempfile.TemporaryDirectory() as root:
            fast = make_run(root, "fast", {8000: (1.2, 0.6, 0.4)}, 0.01)
            slow = make_run(root, "slow", {2000: (3.0, 0.3, 0.1)}, 0.02)
            text = self.run_tool(fast, slow)
        self.assertNotIn("fast step 8000 (80 min)", text)

    def test_a_run_without_measurements_is_one_line_and_an_exit(self):
        with tempfile.TemporaryDirectory() as root:
            fast = make_run(root, "fast", {8000: (1.2, 0.6, 0.4)}, 0.01)
            with self.assertRaises(SystemExit) as stop:
                self.run_tool(fast, root)
        self.assertIn("no snapshots measured", str(stop.exception))


if __name__ == "__main__":
    unittest.main()
