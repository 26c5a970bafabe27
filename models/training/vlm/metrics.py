"""COCO-style detection AP and grounding accuracy.

AP follows the COCO evaluation: per class, detections of all images sorted by score (stable), each
matched greedily to the unmatched ground-truth box of highest IoU >= threshold; precision made
monotone from the right and sampled at 101 recall points; mAP = mean over classes that have ground
truth; mAP@[.5:.95] = mean over IoU 0.50, 0.55, ..., 0.95.
"""
from collections import defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

IOU_THRESHOLDS = [0.5 + 0.05 * i for i in range(10)]


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def average_precision(dets: List[Tuple[int, float, Sequence[float]]], gts: Dict[int, List[Sequence[float]]],
                      threshold: float) -> float:
    """dets: (image index, score, box) of one class; gts: image index -> boxes of that class."""
    n_gt = sum(len(v) for v in gts.values())
    if n_gt == 0:
        return float("nan")
    used = {k: [False] * len(v) for k, v in gts.items()}
    tps = []
    for img, _, box in sorted(dets, key=lambda d: -d[1]):
        best, best_j = threshold, -1
        for j, g in enumerate(gts.get(img, [])):
            if used[img][j]:
                continue
            v = iou(box, g)
            if v >= best:
                best, best_j = v, j
        if best_j >= 0:
            used[img][best_j] = True
            tps.append(1)
        else:
            tps.append(0)
    precision, recall, tp = [], [], 0
    for i, t in enumerate(tps, start=1):
        tp += t
        precision.append(tp / i)
        recall.append(tp / n_gt)
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    total, k = 0.0, 0
    for r in [i / 100 for i in range(101)]:
        while k < len(recall) and recall[k] < r:
            k += 1
        total += precision[k] if k < len(precision) else 0.0
    return total / 101


def detection_map(predictions: List[List[Tuple[str, float, Sequence[float]]]],
                  ground_truth: List[List[Tuple[str, Sequence[float]]]],
                  class_filter: Optional[set] = None) -> Dict[str, float]:
    """predictions/ground_truth per image; returns mAP@0.5, mAP@[.5:.95] and the class count."""
    dets, gts = defaultdict(list), defaultdict(lambda: defaultdict(list))
    for i, (pred, gt) in enumerate(zip(predictions, ground_truth)):
        for label, score, box in pred:
            dets[label].append((i, score, box))
        for label, box in gt:
            gts[label][i].append(box)
    classes = sorted(c for c in gts if class_filter is None or c in class_filter)
    if not classes:
        return {"map50": float("nan"), "map50_95": float("nan"), "classes": 0}
    per_t = []
    for t in IOU_THRESHOLDS:
        aps = [average_precision(dets[c], gts[c], t) for c in classes]
        per_t.append(sum(aps) / len(aps))
    return {"map50": per_t[0], "map50_95": sum(per_t) / len(per_t), "classes": len(classes)}


class GroundingTally:
    """Acc@IoU0.5 by expression kind and seen/held-out; none-rate on NO_TARGET; false-none rate otherwise."""

    def __init__(self):
        self.rows = []

    def add(self, kind: str, held_out: bool, target_box: Optional[Sequence[float]], predicted_box: Optional[Sequence[float]]):
        if target_box is None:
            correct = predicted_box is None
        else:
            correct = predicted_box is not None and iou(predicted_box, target_box) >= 0.5
        self.rows.append((kind, held_out, target_box is None, predicted_box is None, correct))

    def summary(self) -> dict:
        def acc(rows):
            return {"n": len(rows), "acc": (sum(r[4] for r in rows) / len(rows)) if rows else None}

        out = {"overall": acc(self.rows)}
        for kind in sorted({r[0] for r in self.rows}):
            for split, flag in (("seen", False), ("held_out", True)):
                out[f"{kind}/{split}"] = acc([r for r in self.rows if r[0] == kind and r[1] == flag])
            out[kind] = acc([r for r in self.rows if r[0] == kind])
        for split, flag in (("seen", False), ("held_out", True)):
            out[f"targeted/{split}"] = acc([r for r in self.rows if not r[2] and r[1] == flag])
        no_target = [r for r in self.rows if r[2]]
        targeted = [r for r in self.rows if not r[2]]
        out["none_rate"] = (sum(r[3] for r in no_target) / len(no_target)) if no_target else None
        out["false_none_rate"] = (sum(r[3] for r in targeted) / len(targeted)) if targeted else None
        return out
