#!/usr/bin/python3
"""Rewrites a pack's parity fixtures from its training checkpoint, with the current fixture format, and
updates manifest.json's file list (sha256, bytes). The graphs, tokenizer and metrics stay as they are.

    /usr/bin/python3 models/training/refresh_fixtures.py --pack models/tabletop-vlm --work RUN_DIR --val DIR_TEST
"""
import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

from vlm.data import load_exports  # noqa: E402
from vlm.export import file_entries, write_fixtures  # noqa: E402
from vlm.model import ModelConfig, TabletopVLM  # noqa: E402
from vlm.tokenizer import Vocabulary  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", required=True, help="pack folder with manifest.json")
    p.add_argument("--work", required=True, help="training folder with checkpoint.pt (train.py --work)")
    p.add_argument("--val", required=True, help="the export the fixtures were drawn from (train.py --val)")
    args = p.parse_args()
    saved = torch.load(os.path.join(args.work, "checkpoint.pt"))
    if saved["state"]["stage"] < 3:
        raise SystemExit(f"{args.work}/checkpoint.pt is from an unfinished run (stage {saved['state']['stage']} of 3)")
    model = TabletopVLM(ModelConfig.from_dict(saved["config"]))
    model.load_state_dict(saved["state"]["model"])
    vocab = Vocabulary.from_state(saved["vocab"])
    manifest_path = os.path.join(args.pack, "manifest.json")
    with open(manifest_path) as f:
        manifest = json.load(f)
    shutil.rmtree(os.path.join(args.pack, "fixtures"), ignore_errors=True)
    write_fixtures(model.eval(), vocab, load_exports(args.val), args.pack)
    files = {k: v for k, v in manifest["files"].items() if not k.startswith("fixtures/")}
    files.update(file_entries(args.pack, "fixtures"))
    manifest["files"] = dict(sorted(files.items()))
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"fixtures rewritten in {args.pack}/fixtures; manifest.json lists {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
