"""A training run's generators on disk: atomic checkpoint writes, the EMA generator with its batch
statistics re-estimated (what checkpoints and samples hold), and a warm start from a model file."""
import copy
import os
import sys

import torch

from ganvas_tools.modelfile import read_model


def save_checkpoint(path, state):
    """Writes through a temporary file, so a run stopped mid-write keeps its previous checkpoint."""
    tmp = path + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)


@torch.no_grad()
def recalibrated(g_ema, batches=16, batch=64, device="cpu"):
    """A copy of g_ema in eval mode whose BN running statistics are re-estimated from its own
    outputs (`batches` x `batch` samples, plain averages), so eval-mode output matches what the
    EMA weights do rather than the live G's statistics."""
    g = copy.deepcopy(g_ema)
    bns = [m for m in g.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    g.train()
    gen = torch.Generator(device="cpu").manual_seed(12345)
    for _ in range(batches):
        g(torch.randn(batch, g.latent_dim, generator=gen).to(device))
    for m in bns:
        m.momentum = 0.1
    return g.eval()


def warm_start(G, model_path):
    """Copies the tensors of a model file (F16 or F32) into G where names and shapes agree; the
    rest (e.g. new SLE gates) keep their initialisation.  Returns how many tensors were copied."""
    tensors, _, _ = read_model(model_path)
    state = G.state_dict()
    copied = {k: torch.from_numpy(v) for k, v in tensors.items() if k in state and tuple(state[k].shape) == v.shape}
    for k, v in tensors.items():
        if k.endswith("running_mean") and k in copied:
            copied[k.replace("running_mean", "num_batches_tracked")] = torch.tensor(1)
    if not copied:
        sys.exit(f"--init-from {model_path}: no tensor matches the generator")
    G.load_state_dict({**state, **copied})
    return len(copied)
