"""Turns export samples into model inputs: pixel tensors, dense-head targets and token sequences.

Sequence layout (the same the Java LanguageDecoder builds at run time):
    <image> x N  <bos>  prompt words  <sep>  answer tokens  <eos>
Answers follow the `paligemma-loc` grammar: `<locY0><locX0><locY1><locX1> colour shape ; ...`, or `none`.
"""
import random
import re
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch

from .data import EXPRESSION_KINDS, ExportSet, ObjectLabel, Sample
from .tokenizer import Vocabulary, loc_token

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
LUMA = (0.299, 0.587, 0.114)  # ITU-R BT.601 luminance weights of R, G, B
TASKS = ("ground", "detect", "detect_labels", "describe")


def pixel_values(images_uint8: np.ndarray) -> torch.Tensor:
    """[B,H,W,3] uint8 RGB -> [B,3,H,W] float32: x/255, then (x - mean) / std per channel."""
    x = torch.from_numpy(np.ascontiguousarray(images_uint8)).to(torch.float32).div_(255.0).permute(0, 3, 1, 2)
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    return ((x - mean) / std).contiguous()


def loc_bin(v: float, bins: int) -> int:
    return min(bins - 1, max(0, int(v * bins)))


def loc_centre(b: int, bins: int) -> float:
    return (b + 0.5) / bins


def box_tokens(box, bins: int) -> List[str]:
    x0, y0, x1, y1 = box
    return [loc_token(loc_bin(y0, bins)), loc_token(loc_bin(x0, bins)),
            loc_token(loc_bin(y1, bins)), loc_token(loc_bin(x1, bins))]


def visible_objects(sample: Sample) -> List[ObjectLabel]:
    return [o for o in sample.objects if o.box[2] > o.box[0] and o.box[3] > o.box[1]]


def reading_order(objects: List[ObjectLabel]) -> List[ObjectLabel]:
    return sorted(objects, key=lambda o: (o.box[0], o.box[1], o.id))


def loc_sentence(objects: List[ObjectLabel], bins: int) -> List[str]:
    if not objects:
        return ["none"]
    out = []
    for i, o in enumerate(reading_order(objects)):
        if i:
            out.append(";")
        out += box_tokens(o.box, bins) + [o.colour, o.shape]
    return out


def describe_text(sample: Sample) -> str:
    if sample.description:
        # punctuation as separate words: the tokenizer splits on whitespace only
        return re.sub(r"\s+", " ", re.sub(r"([;.,:])", r" \1 ", sample.description.lower())).strip()
    objs = reading_order(visible_objects(sample))
    if not objs:
        return "the table is empty"
    names = [f"a {o.colour} {o.shape}" for o in objs]
    listed = names[0] if len(names) == 1 else " , ".join(names[:-1]) + " and " + names[-1]
    return "from left to right : " + listed


def build_task(sample: Sample, task: str, rng: random.Random, bins: int, labels: List[str],
               kind_weights: Optional[Dict[str, float]] = None) -> Optional[Tuple[str, List[str]]]:
    """(prompt text, answer tokens) for one task on one frame, or None when the frame cannot serve it.
    ``kind_weights`` (ground only) weighs each of the frame's expressions by its kind (missing kinds weigh 1);
    None draws them uniformly."""
    objs = visible_objects(sample)
    if task == "ground":
        if not sample.expressions:
            return None
        if kind_weights:
            e = rng.choices(sample.expressions, [kind_weights.get(x.kind, 1.0) for x in sample.expressions])[0]
        else:
            e = rng.choice(sample.expressions)
        return "ground " + e.text, ground_answer(sample, e, bins)
    if task == "detect":
        return "detect", loc_sentence(objs, bins)
    if task == "detect_labels":
        present = sorted({o.label for o in objs})
        k = rng.choice([1, 1, 2])
        chosen = []
        for _ in range(k):
            pool = present if present and rng.random() < 0.75 else labels
            chosen.append(rng.choice(pool))
        chosen = sorted(set(chosen))
        return "detect " + " ; ".join(chosen), loc_sentence([o for o in objs if o.label in chosen], bins)
    if task == "describe":
        return "describe", describe_text(sample).split()
    raise ValueError(f"unknown task '{task}', expected one of {TASKS}")


def parse_kind_weights(text: str) -> Optional[Dict[str, float]]:
    """'relational=1.5,no_target=0.8' -> {"RELATIONAL": 1.5, "NO_TARGET": 0.8}; '' -> None (uniform draw)."""
    if not text.strip():
        return None
    weights = {}
    for part in text.split(","):
        kind, sep, value = part.partition("=")
        kind = kind.strip().upper()
        if not sep or kind not in EXPRESSION_KINDS:
            raise ValueError(f"expected KIND=WEIGHT with KIND one of {', '.join(k.lower() for k in EXPRESSION_KINDS)}, "
                             f"got '{part.strip()}'")
        try:
            weights[kind] = float(value)
        except ValueError:
            raise ValueError(f"weight of {kind.lower()} is not a number: '{value.strip()}'") from None
        if not weights[kind] >= 0:
            raise ValueError(f"weight of {kind.lower()} must be >= 0, got {value.strip()}")
    return weights


def ground_answer(sample: Sample, expression, bins: int) -> List[str]:
    if expression.target is None:
        return ["none"]
    target = next((o for o in sample.objects if o.id == expression.target), None)
    if target is None:
        raise ValueError(f"{sample.image}: expression '{expression.text}' targets id {expression.target}, not in objects")
    return box_tokens(target.box, bins) + [target.colour, target.shape]


def prompt_ids(vocab: Vocabulary, prompt: str, num_image_tokens: int) -> List[int]:
    return [vocab.id("<image>")] * num_image_tokens + [vocab.id("<bos>")] + vocab.encode(prompt) + [vocab.id("<sep>")]


def collate_sequences(vocab: Vocabulary, items: List[Tuple[str, List[str]]], num_image_tokens: int):
    """Right-padded batch: input_ids, attention_mask, labels (-100 outside the answer), for next-token loss."""
    seqs, label_seqs = [], []
    for prompt, answer in items:
        p = prompt_ids(vocab, prompt, num_image_tokens)
        a = [vocab.id(t) for t in answer] + [vocab.id("<eos>")]
        seqs.append(p + a)
        label_seqs.append([-100] * len(p) + a)
    length = max(len(s) for s in seqs)
    pad = vocab.id("<pad>")
    ids = torch.full((len(seqs), length), pad, dtype=torch.long)
    mask = torch.zeros((len(seqs), length), dtype=torch.long)
    labels = torch.full((len(seqs), length), -100, dtype=torch.long)
    for i, (s, lab) in enumerate(zip(seqs, label_seqs)):
        ids[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
        labels[i, :len(lab)] = torch.tensor(lab)
    return ids, mask, labels


# ---------------------------------------------------------------------------------------------- dense targets

def dense_targets(samples: List[Sample], rows: int, cols: int, shapes: List[str], colours: List[str]):
    """CenterNet-style targets on the token grid.

    heat [B,N]: Gaussian around each object's centre cell (1 at the centre cell), max over objects;
    owner-based class and box targets at cells where the heat is >= 0.5 (weight = heat).
    """
    b, n = len(samples), rows * cols
    heat = torch.zeros(b, n)
    shape_t = torch.zeros(b, n, dtype=torch.long)
    colour_t = torch.zeros(b, n, dtype=torch.long)
    box_t = torch.zeros(b, n, 4)
    ys, xs = np.meshgrid(np.arange(rows) + 0.5, np.arange(cols) + 0.5, indexing="ij")
    shape_ix = {s: i for i, s in enumerate(shapes)}
    colour_ix = {c: i for i, c in enumerate(colours)}
    for i, s in enumerate(samples):
        best = np.zeros((rows, cols))
        for o in visible_objects(s):
            x0, y0, x1, y1 = o.box
            cx, cy = (x0 + x1) / 2 * cols, (y0 + y1) / 2 * rows
            w, h = (x1 - x0) * cols, (y1 - y0) * rows
            sigma_x, sigma_y = max(0.5, w / 6), max(0.5, h / 6)
            ci, cj = min(cols - 1, int(cx)), min(rows - 1, int(cy))
            # distance measured from the centre cell's centre so that cell is exactly 1
            g = np.exp(-((xs - (ci + 0.5)) ** 2) / (2 * sigma_x ** 2) - ((ys - (cj + 0.5)) ** 2) / (2 * sigma_y ** 2))
            owner = g > best
            best = np.where(owner, g, best)
            flat = torch.from_numpy(owner.reshape(-1))
            shape_t[i][flat] = shape_ix[o.shape]
            colour_t[i][flat] = colour_ix[o.colour]
            box_t[i][flat] = torch.tensor(o.box, dtype=torch.float32)
        heat[i] = torch.from_numpy(best.reshape(-1)).float()
    return heat, shape_t, colour_t, box_t
