#!/usr/bin/env python3
# Usage: operating_point.py SCENES_DIR RESULTS.jsonl... (replay results at the full curve; see models/README.md,
# "Operating point of the dense head"). Prints the sweep and the thresholds the rules below choose.
# Operating point of the tabletop pack, chosen on the VALIDATION split (test generator, seed 303, 10 x 40 frames).
# Rules fixed before looking:
#  pooled: the grid threshold (0.05..0.95) with the highest share of frames whose number of detections scoring at
#          least it equals the number of annotated objects with visibility > 0; the higher threshold on ties.
#  per shape: the grid threshold with the highest F1 (IoU 0.5, colour and shape must match) of that shape's
#          detections; the higher threshold on ties.
import json, sys, glob, os
scenes, results = sys.argv[1], sys.argv[2:]
grid = [i / 20 for i in range(1, 20)]
frames = []
for r in results:
    for line in open(r):
        d = json.loads(line)
        frames.append(d)
ann = {}
for sdir in sorted(glob.glob(os.path.join(scenes, 'seq-*'))):
    name = json.load(open(os.path.join(sdir, 'scene.json')))['name']
    for line in open(os.path.join(sdir, 'annotations.jsonl')):
        a = json.loads(line)
        ann[(name, a['index'])] = a['objects']
def iou(a, b):
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0])); iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    u = (a[2]-a[0])*(a[3]-a[1]) + (b[2]-b[0])*(b[3]-b[1]) - ix*iy
    return ix*iy/u if u > 0 else 0
def thr_of(per, pooled, shape):
    return per.get(shape, pooled)
def share(per, pooled, vis=0.0):
    ok = 0
    for f in frames:
        gt = [o for o in ann[(f['scene'], f['frame'])] if o['visibility'] > vis]
        n = sum(1 for d in f['detections'] if d['score'] >= thr_of(per, pooled, d['shape']))
        ok += n == len(gt)
    return ok / len(frames)
best = None
for t in grid:
    s = share({}, t)
    print(f"pooled {t:.2f} count-match share {s:.4f}")
    if best is None or s >= best[1]:
        best = (t, s)
print("pooled choice", best)
# per shape F1
shapes = sorted({o['shape'] for v in ann.values() for o in v})
per = {}
for shape in shapes:
    tp_scores, fp_scores, n_gt = [], [], 0
    for f in frames:
        gts = [o for o in ann[(f['scene'], f['frame'])] if o['shape'] == shape]
        n_gt += len(gts)
        used = set()
        for d in sorted([d for d in f['detections'] if d['shape'] == shape], key=lambda d: -d['score']):
            m = None; bi = 0.5
            for i, g in enumerate(gts):
                if i in used or g['colour'] != d['colour']:
                    continue
                v = iou(d['box'], g['box'])
                if v >= bi:
                    bi, m = v, i
            if m is None:
                fp_scores.append(d['score'])
            else:
                used.add(m); tp_scores.append(d['score'])
    bt = None
    for t in grid:
        tp = sum(s >= t for s in tp_scores); fp = sum(s >= t for s in fp_scores); fn = n_gt - tp
        f1 = 2*tp / (2*tp + fp + fn) if tp else 0
        if bt is None or f1 >= bt[1]:
            bt = (t, f1)
    per[shape] = bt[0]
    print(f"shape {shape}: F1-best {bt[0]:.2f} (F1 {bt[1]:.4f}, {n_gt} objects)")
print("per shape", per)
for vis in (0.0, 0.5):
    print(f"visibility > {vis}: share at pooled {best[0]:.2f}: {share({}, best[0], vis):.4f}; per shape (pooled fallback): {share(per, best[0], vis):.4f}; at 0.05: {share({}, 0.05, vis):.4f}")
