"""Dense detection head: training loss and the decoding recipe the Java DetectionDecoder mirrors.

Decoding (also written into manifest.json): objectness = sigmoid(det_logits[..., 0]); a token is a peak
unless a token of its 3x3 grid neighbourhood has a higher objectness and a box that overlaps its own at
IoU >= peak_box_iou (0 = any higher neighbour, the plain CenterNet 3x3 max: two objects in neighbouring
cells would then lose one of them); label = argmax shape + argmax colour
(softmax per group); score = objectness * p(shape) * p(colour); keep score >= threshold; NMS per label.
"""
from typing import List, Tuple

import torch
import torch.nn.functional as F


# Peak rule of the shipped packs: a higher neighbour suppresses a token only when their boxes overlap at IoU >= this
# (chosen on a validation split, models/README.md "Decoding"); 0 = the plain 3x3 max.
DENSE_PEAK_BOX_IOU = 0.7


def box_iou_pairwise(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """a [...,4], b [...,4] same shape -> IoU [...]"""
    iw = (torch.minimum(a[..., 2], b[..., 2]) - torch.maximum(a[..., 0], b[..., 0])).clamp(min=0)
    ih = (torch.minimum(a[..., 3], b[..., 3]) - torch.maximum(a[..., 1], b[..., 1])).clamp(min=0)
    inter = iw * ih
    area_a = (a[..., 2] - a[..., 0]).clamp(min=0) * (a[..., 3] - a[..., 1]).clamp(min=0)
    area_b = (b[..., 2] - b[..., 0]).clamp(min=0) * (b[..., 3] - b[..., 1]).clamp(min=0)
    return inter / (area_a + area_b - inter).clamp(min=1e-9)


def giou_loss(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    iou = box_iou_pairwise(pred, target)
    cw = torch.maximum(pred[..., 2], target[..., 2]) - torch.minimum(pred[..., 0], target[..., 0])
    ch = torch.maximum(pred[..., 3], target[..., 3]) - torch.minimum(pred[..., 1], target[..., 1])
    hull = (cw * ch).clamp(min=1e-9)
    iw = (torch.minimum(pred[..., 2], target[..., 2]) - torch.maximum(pred[..., 0], target[..., 0])).clamp(min=0)
    ih = (torch.minimum(pred[..., 3], target[..., 3]) - torch.maximum(pred[..., 1], target[..., 1])).clamp(min=0)
    inter = iw * ih
    union = inter / iou.clamp(min=1e-9)
    return 1 - (iou - (hull - union) / hull)


def dense_loss(det_logits, det_boxes, heat, shape_t, colour_t, box_t, num_shapes: int, colour_keep=None):
    """CenterNet penalty-reduced focal loss on objectness + heat-weighted CE (shape, colour) + L1 + GIoU.

    ``colour_keep`` (optional, [B] of 0/1) switches the colour term off per image, e.g. for frames shown in greyscale.
    """
    obj = det_logits[..., 0]
    p = torch.sigmoid(obj).clamp(1e-6, 1 - 1e-6)
    pos = heat >= 0.999
    num_pos = pos.sum().clamp(min=1).float()
    pos_loss = -(torch.log(p) * (1 - p) ** 2)[pos].sum()
    neg_loss = -(torch.log(1 - p) * p ** 2 * (1 - heat) ** 4)[~pos].sum()
    focal = (pos_loss + neg_loss) / num_pos

    sup = heat >= 0.5
    w = heat[sup]
    wsum = w.sum().clamp(min=1e-6)
    shape_logits = det_logits[..., 1:1 + num_shapes][sup]
    colour_logits = det_logits[..., 1 + num_shapes:][sup]
    colour_ce = F.cross_entropy(colour_logits, colour_t[sup], reduction="none")
    if colour_keep is not None:
        colour_ce = colour_ce * colour_keep.to(colour_ce.dtype)[:, None].expand_as(heat)[sup]
    ce = ((F.cross_entropy(shape_logits, shape_t[sup], reduction="none") + colour_ce) * w).sum() / wsum
    pb, tb = det_boxes[sup], box_t[sup]
    l1 = ((pb - tb).abs().sum(-1) * w).sum() / wsum
    giou = (giou_loss(pb, tb) * w).sum() / wsum
    total = focal + ce + 5.0 * l1 + 2.0 * giou
    return total, {"focal": focal.item(), "ce": ce.item(), "l1": l1.item(), "giou": giou.item()}


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou: float) -> List[int]:
    order = scores.argsort(descending=True).tolist()
    keep = []
    while order:
        i = order.pop(0)
        keep.append(i)
        if order:
            rest = torch.tensor(order)
            ious = box_iou_pairwise(boxes[i].expand(len(order), 4), boxes[rest])
            order = [j for j, v in zip(order, ious.tolist()) if v < iou]
    return keep


def peak_mask(obj: torch.Tensor, boxes: torch.Tensor, peak_box_iou: float) -> torch.Tensor:
    """obj [B,rows,cols], boxes [B,rows,cols,4] -> [B,rows*cols] bool: no 3x3 neighbour with a higher objectness
    whose box overlaps this token's box at IoU >= peak_box_iou."""
    b, rows, cols = obj.shape
    obj_pad = F.pad(obj, (1, 1, 1, 1), value=-1.0)  # padding never wins
    box_pad = F.pad(boxes.permute(0, 3, 1, 2), (1, 1, 1, 1)).permute(0, 2, 3, 1)
    suppressed = torch.zeros_like(obj, dtype=torch.bool)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == 0 and dc == 0:
                continue
            nb_obj = obj_pad[:, 1 + dr:1 + dr + rows, 1 + dc:1 + dc + cols]
            nb_box = box_pad[:, 1 + dr:1 + dr + rows, 1 + dc:1 + dc + cols]
            suppressed |= (nb_obj > obj) & (box_iou_pairwise(boxes, nb_box) >= peak_box_iou)
    return (~suppressed).view(b, -1)


def decode_dense(det_logits, det_boxes, rows: int, cols: int, shapes: List[str], colours: List[str],
                 threshold: float = 0.05, nms_iou: float = 0.6, max_dets: int = 100,
                 peak_box_iou: float = DENSE_PEAK_BOX_IOU) -> List[List[Tuple[str, float, List[float]]]]:
    """Per image: list of (label 'colour shape', score, [x0,y0,x1,y1] normalised)."""
    ns = len(shapes)
    results = []
    obj = torch.sigmoid(det_logits[..., 0]).view(-1, rows, cols)
    peaks = peak_mask(obj, det_boxes.clamp(0, 1).view(-1, rows, cols, 4), peak_box_iou)
    p_shape = torch.softmax(det_logits[..., 1:1 + ns], -1)
    p_colour = torch.softmax(det_logits[..., 1 + ns:], -1)
    for b in range(det_logits.shape[0]):
        ps, si = p_shape[b].max(-1)
        pc, ci = p_colour[b].max(-1)
        score = obj[b].view(-1) * ps * pc
        cand = torch.nonzero(peaks[b] & (score >= threshold)).flatten()
        cand = cand[score[cand].argsort(descending=True)][:max_dets]
        dets = []
        by_label = {}
        for t in cand.tolist():
            by_label.setdefault((ci[t].item(), si[t].item()), []).append(t)
        for (c, s), idx in by_label.items():
            idx_t = torch.tensor(idx)
            boxes = det_boxes[b, idx_t].clamp(0, 1)
            for k in nms(boxes, score[idx_t], nms_iou):
                dets.append((f"{colours[c]} {shapes[s]}", score[idx[k]].item(), boxes[k].tolist()))
        dets.sort(key=lambda d: -d[1])
        results.append(dets)
    return results
