#!/usr/bin/python3
"""Scores a training run's saved checkpoints on an export: the quality curve along the run.

    /usr/bin/python3 models/training/curve.py --val DATA/test --out curve.json CKPT.pt [CKPT.pt ...]

Each checkpoint (a copy of ``checkpoint.pt`` from train.py's --work folder, taken while the run goes on) is
evaluated with the same evaluator as the pack's metrics.json; the points are sorted in training order and written
as JSON, with a PNG beside it. A checkpoint from inside a stage is scored at that stage's learning rate, not at
the end of a cosine schedule: the curve shows where the run was, not what a run stopped there would reach.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

from vlm.data import load_exports  # noqa: E402
from vlm.metrics import iou  # noqa: E402
from vlm.model import ModelConfig, TabletopVLM  # noqa: E402
from vlm.recipe import STAGES, evaluate  # noqa: E402
from vlm.tasks import visible_objects  # noqa: E402
from vlm.tokenizer import Vocabulary  # noqa: E402

GROUNDING_KINDS = ("ATTRIBUTE", "RELATIONAL", "SUPERLATIVE")
OUTCOMES = ("right", "none", "other_object", "loose_box", "elsewhere")


def outcome(target, objects, box) -> str:
    """Where a grounding answer for a targeted expression landed: on the target (IoU >= 0.5), ``none``, on
    another visible object, on the target but too loose, or on no object at all."""
    if box is None:
        return "none"
    if iou(box, target.box) >= 0.5:
        return "right"
    best = max(objects, key=lambda o: iou(box, o.box), default=None)
    if best is not None and best.id != target.id and iou(box, best.box) >= 0.5:
        return "other_object"
    if best is not None and best.id == target.id and iou(box, best.box) > 0:
        return "loose_box"
    return "elsewhere"


class OutcomeTally:
    """Per expression kind: where the answers to targeted expressions landed and how often their label named the
    target's colour and shape (an ``evaluate(on_grounding=...)`` listener)."""

    def __init__(self):
        self.by_kind = {}

    def __call__(self, sample, expression, answer):
        if expression.target is None:
            return
        target = next((o for o in sample.objects if o.id == expression.target), None)
        if target is None:
            return
        label, box = answer[0] if answer else (None, None)
        row = self.by_kind.setdefault(expression.kind, {k: 0 for k in OUTCOMES + ("n", "label_right")})
        row[outcome(target, visible_objects(sample), box)] += 1
        row["n"] += 1
        row["label_right"] += int(label == target.label)


def load_checkpoint(path: str):
    """(model in eval mode, vocabulary, training state dict) from a train.py checkpoint."""
    saved = torch.load(path)
    cfg = ModelConfig.from_dict(saved["config"])
    model = TabletopVLM(cfg)
    state = saved["state"]
    if state.get("model") is None:
        raise SystemExit(f"{path}: holds no model weights")
    model.load_state_dict(state["model"])
    return model.eval(), Vocabulary.from_state(saved["vocab"]), state


def point(path: str, val, frames: int, expressions: int, log=print) -> dict:
    model, vocab, state = load_checkpoint(path)
    stage = STAGES[state["stage"]] if state["stage"] < len(STAGES) else "done"
    outcomes = OutcomeTally()
    with torch.no_grad():
        m = evaluate(model, vocab, val, frame_limit=frames, expression_limit=expressions, decoder_detect_limit=0,
                     log=lambda s: None, on_grounding=outcomes)
    g = m["grounding"]
    row = {"checkpoint": os.path.basename(path), "stage": stage, "stage_index": state["stage"], "stage_step": state["step"],
           "done_stages": {k: v for k, v in state.get("planned", {}).items() if STAGES.index(k) < state["stage"]},
           "training_minutes": round(state["elapsed"] / 60, 2),
           "dense_map50": m["dense_detection"]["all"]["map50"], "dense_map50_95": m["dense_detection"]["all"]["map50_95"],
           "dense_map50_seen": m["dense_detection"]["seen"]["map50"],
           "dense_map50_held_out": m["dense_detection"]["held_out"]["map50"],
           "grounding": g["overall"]["acc"], "none_rate": g["none_rate"],
           "grounding_seen": g.get("targeted/seen", {}).get("acc"),
           "grounding_held_out": g.get("targeted/held_out", {}).get("acc")}
    for kind in GROUNDING_KINDS:
        row[kind.lower()] = g.get(kind, {}).get("acc")
    row["grounding_outcomes"] = outcomes.by_kind
    log(f"{row['checkpoint']}: {stage} step {row['stage_step']}, {row['training_minutes']} min: "
        f"mAP@0.5 {row['dense_map50']:.3f}, grounding {row['grounding']}, none {row['none_rate']}")
    return row


def plot(rows, path: str):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    xs = [r["training_minutes"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4))
    for key in ("dense_map50", "dense_map50_95", "grounding", "attribute", "relational", "none_rate"):
        ax.plot(xs, [r[key] if r[key] is not None else float("nan") for r in rows], marker="o", label=key)
    for r in rows[1:]:
        if r["stage"] != rows[rows.index(r) - 1]["stage"]:
            ax.axvline(r["training_minutes"], color="grey", lw=0.5)
    ax.set_xlabel("training minutes")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("checkpoints", nargs="+", help="train.py checkpoint files")
    p.add_argument("--val", required=True, help="export to score on (the held-out test split)")
    p.add_argument("--out", required=True, help="JSON file to write; the plot goes beside it as .png")
    p.add_argument("--frames", type=int, default=400)
    p.add_argument("--expressions", type=int, default=800)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    val = load_exports(args.val)
    rows = sorted((point(c, val, args.frames, args.expressions) for c in args.checkpoints),
                  key=lambda r: (r["stage_index"], r["stage_step"]))
    with open(args.out, "w") as f:
        json.dump(rows, f, indent=1)
    plot(rows, os.path.splitext(args.out)[0] + ".png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
