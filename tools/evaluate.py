#!/usr/bin/env python3
"""A model's quality against its training pictures: SWD per level with the real-vs-real floor,
pixel-space precision and recall with the real-vs-real reference, and the share of near-blank
pictures.  Everything is repeated over several evaluation seeds; mean and range are reported.

    python3 tools/evaluate.py --real /work/data/emoji --model models/emoji.safetensors
    python3 tools/evaluate.py --real /work/data/emoji --model models/emoji.safetensors --json   # for the card

Per evaluation seed k (--seeds, default 0 1 2) and N pictures per set (--count, default 1,024):
  * the real set is shuffled with seed k and split into disjoint halves A and B (N each);
  * the fakes are the model's seeds k*N+1 .. (k+1)*N (psi 1, the file's F16 weights, float32 maths,
    bytes as Ganvas makes them);
  * SWD (evaluate_swd.py, ProGAN's metric) of A vs fakes, and of A vs B (the floor);
  * precision and recall (Kynkaeaenniemi et al. 2019, "Improved Precision and Recall Metric for
    Assessing Generative Models"), k = 3, in pixel space (each picture a vector of its bytes / 255):
    precision is the share of fakes inside some real picture's k-NN ball, recall the share of reals
    inside some fake's.  The reference is the same computed for B against A.
Near-blank: a picture whose pixels differ from its border's median colour by more than 40 (in any
channel) at fewer than 1.5% of its pixels; the share among seeds 1..--blank-count (default 1,024),
and the same for the real pictures.
Near-copies: the share of seeds 1..M (M = --blank-count, at most half the real set) with another
picture among them closer at a glance (box-averaged to 16x16) than the nearest 5% of pairs in M
real pictures; the reference is the same share in M other real pictures (about 5%). Many near-copies
is one template drawn for many seeds, which precision and recall do not see.
--features adds precision and recall in EfficientNet-Lite0's feature space (ganvas_tools/
feature_space.py), which sees melted pictures that pixel space counts as close; a few minutes more.
"""
import argparse
import json
import sys

import numpy as np

from ganvas_tools.feature_space import FeatureSpace, feature_precision_recall
from ganvas_tools.pixels import load_folder
from ganvas_tools.precision_recall import near_blank, near_copy_share, precision_recall
from ganvas_tools.swd import evaluate as swd_evaluate
from ganvas_tools.torch_arch import generate

def summary(values):
    values = np.asarray(values, dtype=np.float64)
    return {"mean": np.round(values.mean(axis=0), 4).tolist(), "min": np.round(values.min(axis=0), 4).tolist(),
            "max": np.round(values.max(axis=0), 4).tolist()}


def evaluate(real, fakes, count, seeds, space=None):
    """`fakes` [len(seeds) * count, ...]: slice k goes with evaluation seed k. With a FeatureSpace,
    precision and recall in it too (feature_*)."""
    swd, floor, ratio, prec, rec, real_prec, real_rec = [], [], [], [], [], [], []
    feature = {"feature_precision": [], "feature_recall": [], "real_feature_precision": [], "real_feature_recall": []}
    for i, seed in enumerate(seeds):
        fake = fakes[i * count:(i + 1) * count]
        res = swd_evaluate(real, fake, count, seed)
        swd.append(res["swd_x1e3"]); floor.append(res["swd_floor_x1e3"]); ratio.append(res["ratio"])
        order = np.random.default_rng([seed, 1]).permutation(len(real))  # the same halves as SWD's
        a, b = real[order[:count]], real[order[count:2 * count]]
        p, r = precision_recall(a, fake)
        rp, rr = precision_recall(a, b)
        prec.append(p); rec.append(r); real_prec.append(rp); real_rec.append(rr)
        if space:
            fa, fb, ff = (space.features(x) for x in (a, b, fake))
            for prefix, other in (("", ff), ("real_", fb)):
                fp, fr = feature_precision_recall(fa, other)
                feature[prefix + "feature_precision"].append(fp); feature[prefix + "feature_recall"].append(fr)
    res = {"images": count, "seeds": list(seeds), "swd_x1e3": summary(swd), "swd_floor_x1e3": summary(floor),
           "ratio": summary(ratio), "precision": summary(prec), "recall": summary(rec),
           "real_precision": summary(real_prec), "real_recall": summary(real_rec)}
    if space:
        res.update({k: summary(v) for k, v in feature.items()})
    return res


def near_copies(fakes, real, count):
    """Card keys near_copies (share of seeds 1..M), real_near_copies and near_copies_images (M)."""
    m = min(count, len(fakes), len(real) // 2)
    order = np.random.default_rng([0, 2]).permutation(len(real))
    share, real_share = near_copy_share(fakes[:m], real[order[:m]], real[order[m:2 * m]])
    return {"near_copies": round(share, 4), "real_near_copies": round(real_share, 4), "near_copies_images": m}


def targets_met(res):
    """Issue 21's quality bar: SWD within 1.5x the floor at every level (mean over seeds),
    precision and recall at least 0.65x the real reference, under 1% near-blank."""
    ratio_ok = all(q <= 1.5 for q in res["ratio"]["mean"][:-1])
    pr_ok = (res["precision"]["mean"] >= 0.65 * res["real_precision"]["mean"]
             and res["recall"]["mean"] >= 0.65 * res["real_recall"]["mean"])
    return {"swd": ratio_ok, "precision_recall": pr_ok, "near_blank": res["near_blank"] < 0.01}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", required=True, help="folder of the training pictures")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--model", help="a Ganvas model file (.safetensors)")
    src.add_argument("--fake", help="a folder of generated pictures (at least len(seeds) x N)")
    ap.add_argument("--count", type=int, default=1024, help="N, pictures per set (default 1,024)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="evaluation seeds (default 0 1 2)")
    ap.add_argument("--blank-count", type=int, default=1024, help="seeds 1..this are checked for near-blank pictures")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print only the JSON object (for the card)")
    ap.add_argument("--features", action="store_true",
                    help="also precision and recall in EfficientNet-Lite0's feature space (slower)")
    args = ap.parse_args()

    real = load_folder(args.real)
    if 2 * args.count > len(real):
        sys.exit(f"--count {args.count}: the real set has {len(real)} pictures, so at most {len(real) // 2}")
    need = max(len(args.seeds) * args.count, args.blank_count)
    fakes = generate(args.model, need, threads=args.threads) if args.model else load_folder(args.fake, size=real.shape[1])
    if len(fakes) < need:
        sys.exit(f"need {need} fake pictures, got {len(fakes)}")
    res = evaluate(real, fakes, args.count, args.seeds, FeatureSpace(args.threads) if args.features else None)
    res["near_blank"] = round(float(near_blank(fakes[:args.blank_count]).mean()), 4)
    res["real_near_blank"] = round(float(near_blank(real).mean()), 4)
    res.update(near_copies(fakes, real, args.blank_count))
    res["met"] = targets_met(res)
    if args.json:
        print(json.dumps(res, separators=(",", ":")))
        return
    size = real.shape[1]
    levels = [f"{size >> i} px" for i in range(len(res["ratio"]["mean"]) - 1)] + ["average"]
    print(f"{args.model or args.fake} vs {args.real}: N {args.count}, evaluation seeds {args.seeds}")
    print(f"{'SWD x1e3':>10} {'model':>22} {'floor':>22} {'ratio':>20}")
    for i, name in enumerate(levels):
        cell = lambda s: f"{res[s]['mean'][i]:.2f} ({res[s]['min'][i]:.2f}-{res[s]['max'][i]:.2f})"  # noqa: E731
        print(f"{name:>10} {cell('swd_x1e3'):>22} {cell('swd_floor_x1e3'):>22} {cell('ratio'):>20}")
    for what in ("precision", "recall") + (("feature_precision", "feature_recall") if args.features else ()):
        m, ref = res[what], res["real_" + what]
        label = what.replace("feature_", "features ")
        print(f"{label:>18} {m['mean']:.3f} ({m['min']:.3f}-{m['max']:.3f})   real-vs-real {ref['mean']:.3f}")
    print(f"near-blank {100 * res['near_blank']:.1f}% of seeds 1..{args.blank_count} (real pictures: {100 * res['real_near_blank']:.1f}%)")
    print(f"near-copies {100 * res['near_copies']:.1f}% of seeds 1..{res['near_copies_images']} "
          f"(real pictures: {100 * res['real_near_copies']:.1f}%)")
    print("targets: " + ", ".join(f"{k} {'met' if v else 'not met'}" for k, v in res["met"].items()))


if __name__ == "__main__":
    main()
