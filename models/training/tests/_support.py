"""Shared fixtures for the training tests: a tiny model configuration and a stand-in export."""
import atexit
import dataclasses
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from vlm.data import load_export  # noqa: E402
from vlm.model import ModelConfig, TabletopVLM  # noqa: E402
from vlm.standin import write_standin_export  # noqa: E402
from vlm.tokenizer import Vocabulary  # noqa: E402

torch.set_num_threads(1)
_EXPORTS = {}
_TEMP_DIRS = []


def temp_dir() -> str:
    """A temporary folder removed when the test process exits."""
    d = tempfile.mkdtemp(prefix="vlm-test-")
    _TEMP_DIRS.append(d)
    return d


atexit.register(lambda: [shutil.rmtree(d, ignore_errors=True) for d in _TEMP_DIRS])


def standin(frames=12, seed=5, split="train"):
    key = (frames, seed, split)
    if key not in _EXPORTS:
        _EXPORTS[key] = load_export(write_standin_export(temp_dir(), frames, seed, split))
    return _EXPORTS[key]


def vocab_for(data, bins=64):
    words = set(data.shapes) | set(data.colours)
    for s in data.samples:
        for e in s.expressions:
            words |= set(e.text.split())
    return Vocabulary(words, bins)


def tiny_config(vocab_size, data=None) -> ModelConfig:
    return ModelConfig(stem_channels=(8, 8, 16), enc_dim=32, enc_layers=1, enc_heads=2, enc_mlp=2,
                       num_shapes=len(data.shapes) if data else 6, num_colours=len(data.colours) if data else 6,
                       dec_dim=32, dec_layers=2, dec_heads=4, dec_kv_heads=2, dec_mlp_hidden=48, vocab_size=vocab_size)


def tiny_model(vocab_size, data=None, seed=0, **options) -> TabletopVLM:
    """The tiny model in eval mode, its weights drawn after ``torch.manual_seed(seed)``; ``options`` set
    ModelConfig fields on top of :func:`tiny_config` (e.g. ``colour_split=True``)."""
    cfg = dataclasses.replace(tiny_config(vocab_size, data), **options)
    torch.manual_seed(seed)
    return TabletopVLM(cfg).eval()
