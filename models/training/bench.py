#!/usr/bin/python3
"""Times training steps of each stage on a stand-in export, to plan a time budget.

    /usr/bin/python3 models/training/bench.py --threads 1 --batch-size 32 --steps 4
"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# OpenBLAS's own thread pool on top of torch's intra-op threads oversubscribes 2 cores: measured 1.81 -> 1.25
# s/step (stage 1) and 1.36 -> 0.80 s/step (stage 2) at batch 32 with this set before torch loads OpenBLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

from train import build_vocab  # noqa: E402
from vlm.data import load_export  # noqa: E402
from vlm.model import ModelConfig, TabletopVLM  # noqa: E402
from vlm.recipe import Recipe, RecipeOptions, TASK_MIX  # noqa: E402
from vlm.standin import write_standin_export  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--steps", type=int, default=4, help="timed steps per stage (one more untimed warm-up step)")
    p.add_argument("--data", help="export to use (default: a small stand-in)")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    data = args.data or write_standin_export(tempfile.mkdtemp(prefix="vlm-bench-"), 64, seed=3, split="train")
    train = load_export(data)
    vocab = build_vocab([train], 256)
    cfg = ModelConfig(num_shapes=len(train.shapes), num_colours=len(train.colours), vocab_size=len(vocab))
    model = TabletopVLM(cfg)
    recipe = Recipe(model, vocab, train, RecipeOptions(batch_size=args.batch_size), tempfile.mkdtemp())
    for stage, name in enumerate(("dense", "align", "instruct")):
        groups, enc_trainable = recipe._stage_setup(name, 0.0)
        opt = torch.optim.AdamW([q for g in groups for q in g["params"]], lr=1e-4)
        times = []
        for step in range(args.steps + 1):
            t0 = time.time()
            if name == "dense":
                loss, _ = recipe.dense_step(stage, step)
            else:
                loss, _ = recipe.sequence_step(stage, step, TASK_MIX[name], enc_trainable)
            opt.zero_grad()
            loss.backward()
            opt.step()
            times.append(time.time() - t0)
        timed = sorted(times[1:])
        print(f"{name}: median {timed[len(timed) // 2]:.3f} s/step, min {timed[0]:.3f} (of {args.steps}) at batch "
              f"{args.batch_size}, {args.threads} thread(s); load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
