#!/usr/bin/python3
"""Trains the compact tabletop VLM on the generator's export and writes the model pack.

    /usr/bin/python3 models/training/train.py --data DIR_TRAIN --val DIR_VAL --out models/tabletop-vlm --budget-minutes 150
    /usr/bin/python3 models/training/train.py --smoke --out /tmp/smoke-pack      # ~2-minute end-to-end check

Stages: (1) encoder + dense head, (2) projector + decoder with the encoder frozen, (3) instruction tuning on
all tasks. Checkpoints go to --work (default models/training/runs/<pack name>/); rerunning the same command
resumes. See models/README.md.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# OpenBLAS's own thread pool on top of torch's intra-op threads oversubscribes 2 cores: measured 1.81 -> 1.25
# s/step (stage 1) and 1.36 -> 0.80 s/step (stage 2) at batch 32 with this set before torch loads OpenBLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# glibc's malloc fragments badly under this mix of PIL/numpy/torch buffers and two torch threads: measured RSS
# growing ~9 MB per stage-1 step (the process was killed by the OOM killer at 24 GB after 2,600 steps); with two
# arenas and a fixed mmap threshold it stays flat. glibc reads these at start-up only, hence the re-exec.
_MALLOC = {"MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "134217728"}
if __name__ == "__main__" and any(k not in os.environ for k in _MALLOC):
    os.environ.update({k: v for k, v in _MALLOC.items() if k not in os.environ})
    os.execv(sys.executable, [sys.executable] + sys.argv)

import torch  # noqa: E402

from vlm.data import load_exports  # noqa: E402
from vlm.export import export_onnx, write_fixtures, write_manifest  # noqa: E402
from vlm.model import ModelConfig, TabletopVLM, encoder_flops, parameter_count  # noqa: E402
from vlm.recipe import Recipe, RecipeOptions, STAGES, evaluate, set_seed  # noqa: E402
from vlm.standin import write_standin_export  # noqa: E402
from vlm.tasks import describe_text, parse_kind_weights  # noqa: E402
from vlm.tokenizer import Vocabulary  # noqa: E402

PACK_NAME = "tabletop-vlm"
PACK_VERSION = "0.1.0"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", help="training export (DIR or DIR/export); several comma-separated are concatenated")
    p.add_argument("--val", help="validation/test export used for metrics and fixtures")
    p.add_argument("--out", required=True, help="pack folder to write (ONNX, tokenizer, manifest, fixtures)")
    p.add_argument("--work", help="checkpoint folder (default models/training/runs/<out name>)")
    p.add_argument("--budget-minutes", type=float, default=150.0, help="wall-clock budget for all stages + eval + export")
    p.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--steps", help="fixed steps per stage 'N1,N2,N3' instead of the time-based plan ('auto' = that stage by time)")
    p.add_argument("--loc-bins", type=int, default=256)
    p.add_argument("--enc-dim", type=int, default=ModelConfig.enc_dim)
    p.add_argument("--enc-layers", type=int, default=ModelConfig.enc_layers)
    p.add_argument("--dec-dim", type=int, default=ModelConfig.dec_dim)
    p.add_argument("--dec-layers", type=int, default=ModelConfig.dec_layers)
    p.add_argument("--encoder-lr-scale", type=float, default=0.0,
                   help="stage 3: train the encoder too at this fraction of the lr (with the dense loss kept); 0 = frozen")
    p.add_argument("--stage-fractions", default="0.45,0.25,0.30",
                   help="shares of the training time for stages dense,align,instruct (after 5%% kept for eval/export)")
    p.add_argument("--loc-sigma", type=float, default=1.0,
                   help="spread loc-token targets over neighbouring bins (Gaussian sigma in bins); 0 = plain cross-entropy")
    p.add_argument("--loc-fourier", type=int, default=16,
                   help="ordinal loc tokens: Fourier frequencies shared by the loc rows of the embedding and lm_head; 0 = off")
    p.add_argument("--box-fourier", type=int, default=16,
                   help="projector: each cell's box as a Fourier code through a linear path; 0 = off")
    p.add_argument("--label-path", action="store_true",
                   help="projector: each cell's shape and colour probabilities through a linear path, objectness-"
                        "weighted, so that words meet explicit label keys in the image prefix")
    p.add_argument("--grey-fraction", type=float, default=0.0,
                   help="stage 1: share of frames shown in greyscale with the colour loss off, so that shape is learnt "
                        "from form rather than from the colours it came with in training (default 0 = off)")
    p.add_argument("--ground-kind-weights", default="",
                   help="stages 2-3: weigh ground expressions by kind, e.g. 'relational=1.5' (other kinds 1; default uniform)")
    p.add_argument("--colour-split", action="store_true",
                   help="the encoder's transformer sees luminance only and colour comes from a small local path over "
                        "the colour pixels (held-out colour x shape compositions; see models/README.md)")
    p.add_argument("--pointer-dim", type=int, default=64, help="training-only pointer head width; 0 = off")
    p.add_argument("--pointer-weight", type=float, default=0.5, help="weight of the auxiliary pointer loss")
    p.add_argument("--no-encoder-cache", action="store_true",
                   help="encode frames on every stage-2/3 step instead of once (slower; same results in expectation)")
    p.add_argument("--eval-frames", type=int, default=400)
    p.add_argument("--eval-expressions", type=int, default=800)
    p.add_argument("--smoke", action="store_true", help="tiny end-to-end run; uses a stand-in export when --data is absent")
    p.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint in --work")
    return p.parse_args(argv)


def build_vocab(sets, loc_bins: int) -> Vocabulary:
    words = set()
    for s in sets:
        words |= set(s.shapes) | set(s.colours)
        for sample in s.samples:
            for e in sample.expressions:
                words |= set(e.text.split())
            words |= set(describe_text(sample).split())
    return Vocabulary(words, loc_bins)


def plot_losses(losses: dict, path: str):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(STAGES), figsize=(5 * len(STAGES), 3.5))
    for ax, name in zip(axes, STAGES):
        pts = losses.get(name, [])
        if pts:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            ax.plot(xs, ys, lw=0.6, alpha=0.4)
            k = max(1, len(ys) // 50)
            smooth = [sum(ys[max(0, i - k):i + 1]) / len(ys[max(0, i - k):i + 1]) for i in range(len(ys))]
            ax.plot(xs, smooth, lw=1.5)
            ax.set_yscale("log")
        ax.set_title(f"stage {STAGES.index(name) + 1}: {name}")
        ax.set_xlabel("step")
    axes[0].set_ylabel("loss")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None):
    args = parse_args(argv)
    started = time.time()
    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    tmp = None
    if args.smoke and not args.data:
        tmp = tempfile.mkdtemp(prefix="vlm-smoke-data-")
        write_standin_export(os.path.join(tmp, "train"), 96, seed=1, split="train")
        write_standin_export(os.path.join(tmp, "val"), 24, seed=2, split="val")
        args.data, args.val = os.path.join(tmp, "train"), os.path.join(tmp, "val")
    if not args.data:
        raise SystemExit("--data is required (or --smoke for a stand-in run)")
    train = load_exports(args.data)
    val = load_exports(args.val) if args.val else train
    if (val.width, val.height) != (train.width, train.height) or val.shapes != train.shapes or val.colours != train.colours:
        raise SystemExit(f"{args.val}: image size or label lists differ from {args.data}")
    work = args.work or os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs", os.path.basename(os.path.abspath(args.out)))
    os.makedirs(work, exist_ok=True)

    resume_path = os.path.join(work, "checkpoint.pt")
    if args.fresh and os.path.exists(resume_path):
        os.remove(resume_path)
    if os.path.exists(resume_path):
        saved = torch.load(resume_path)
        vocab = Vocabulary.from_state(saved["vocab"])
        cfg = ModelConfig.from_dict(saved["config"])
    else:
        vocab = build_vocab([train, val], args.loc_bins)
        cfg = ModelConfig(image_width=train.width, image_height=train.height, num_shapes=len(train.shapes),
                          num_colours=len(train.colours), vocab_size=len(vocab), enc_dim=args.enc_dim,
                          enc_layers=args.enc_layers, dec_dim=args.dec_dim, dec_layers=args.dec_layers,
                          dec_mlp_hidden=(args.dec_dim * 8 // 3 + 15) // 16 * 16,
                          loc_offset=vocab.loc_offset, loc_bins=vocab.loc_bins, loc_fourier=args.loc_fourier,
                          box_fourier=args.box_fourier, label_path=args.label_path, pointer_dim=args.pointer_dim,
                          colour_split=args.colour_split)
    model = TabletopVLM(cfg)
    enc_params = parameter_count(model.encoder) + parameter_count(model.head) + parameter_count(model.projector)
    print(f"model: vision_encoder.onnx {enc_params / 1e6:.2f} M params, {encoder_flops(model) / 1e9:.3f} GFLOPs/frame; "
          f"decoder {parameter_count(model.decoder) / 1e6:.2f} M params; vocab {len(vocab)}; "
          f"{cfg.num_image_tokens} image tokens; train {len(train.samples)} frames, val {len(val.samples)} frames",
          flush=True)

    try:
        kind_weights = parse_kind_weights(args.ground_kind_weights)
    except ValueError as e:
        raise SystemExit(f"--ground-kind-weights: {e}")
    options = RecipeOptions(batch_size=args.batch_size, seed=args.seed, budget_minutes=args.budget_minutes,
                            loc_sigma=args.loc_sigma, pointer_weight=args.pointer_weight,
                            cache_encoder=not args.no_encoder_cache, grey_fraction=args.grey_fraction,
                            stage_fractions=tuple(float(v) for v in args.stage_fractions.split(",")),
                            ground_kind_weights=kind_weights)
    if not 0.0 <= args.grey_fraction <= 1.0:
        raise SystemExit(f"--grey-fraction must be within 0..1, got {args.grey_fraction}")
    if len(options.stage_fractions) != 3 or min(options.stage_fractions) < 0 or sum(options.stage_fractions) <= 0:
        raise SystemExit(f"--stage-fractions needs three non-negative shares, got '{args.stage_fractions}'")
    if args.steps:
        options.fixed_steps = [None if v.strip() == "auto" else int(v) for v in args.steps.split(",")]
    elif args.smoke:
        options.fixed_steps = [12, 8, 8]
    if args.smoke:
        options.batch_size = min(options.batch_size, 8)
        options.log_every = 4
        options.warmup_steps = 3
    recipe = Recipe(model, vocab, train, options, work, log=lambda m: print(m, flush=True))
    recipe.load_checkpoint()
    recipe.run(encoder_lr_scale=args.encoder_lr_scale)
    train_minutes = recipe.state.elapsed / 60

    limit_frames = 16 if args.smoke else args.eval_frames
    limit_expr = 32 if args.smoke else args.eval_expressions
    metrics = evaluate(model, vocab, val, frame_limit=limit_frames, expression_limit=limit_expr,
                       decoder_detect_limit=8 if args.smoke else 60)

    out = args.out
    os.makedirs(out, exist_ok=True)
    export_onnx(model, out)
    vocab.write(os.path.join(out, "tokenizer.json"))
    write_fixtures(model, vocab, val, out)
    plot_losses(recipe.state.losses, os.path.join(out, "loss_curve.png"))
    training = {"command": " ".join([os.path.relpath(sys.argv[0]) if sys.argv else "train.py"] + (argv or sys.argv[1:])),
                "seed": args.seed, "threads": args.threads, "batch_size": options.batch_size, "loc_sigma": args.loc_sigma,
                "encoder_lr_scale": args.encoder_lr_scale, "grey_fraction": args.grey_fraction, "colour_split": cfg.colour_split, "loc_fourier": cfg.loc_fourier,
                "box_fourier": cfg.box_fourier, "pointer_dim": cfg.pointer_dim, "pointer_weight": args.pointer_weight, "stage_fractions": list(options.stage_fractions),
                "ground_kind_weights": options.ground_kind_weights,
                "budget_minutes": args.budget_minutes, "training_minutes": round(train_minutes, 2),
                "steps": recipe.state.planned, "seconds_per_step": recipe.state.step_seconds,
                "train_frames": len(train.samples), "train_split": train.split, "eval_split": val.split,
                "torch": torch.__version__}
    metrics["training"] = training
    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    summary = {"split": val.split,
               "dense_map50": metrics["dense_detection"]["all"]["map50"],
               "dense_map50_95": metrics["dense_detection"]["all"]["map50_95"],
               "grounding_acc": metrics["grounding"]["overall"]["acc"],
               "none_rate": metrics["grounding"]["none_rate"],
               "details": "metrics.json"}
    training["total_minutes"] = round((time.time() - started) / 60, 2)
    manifest = write_manifest(model, vocab, train.shapes, train.colours, out, PACK_NAME, PACK_VERSION, summary, training)
    size = sum(v["bytes"] for v in manifest["files"].values())
    print(f"pack written to {out}: {len(manifest['files'])} files, {size / 1e6:.2f} MB; "
          f"total {training['total_minutes']:.1f} min", flush=True)
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
