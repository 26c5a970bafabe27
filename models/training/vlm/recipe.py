"""The staged training recipe: (1) encoder + dense head, (2) projector + decoder on grounding/detection
with the encoder frozen, (3) instruction tuning on all tasks. Time-budgeted, resumable, seeded."""
import math
import os
import random
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import torch
import torch.nn.functional as F

from .data import ExportSet
from .dense import decode_dense, dense_loss
from .generate import GROUND_NONE_THRESHOLD, FreeText, LocGrammar, generate, parse_loc_sentence
from .metrics import GroundingTally, detection_map
from .model import TabletopVLM
from .tasks import LUMA, build_task, collate_sequences, dense_targets, pixel_values, visible_objects
from .tokenizer import Vocabulary

STAGES = ("dense", "align", "instruct")
STAGE_LR = {"dense": 1e-3, "align": 1e-3, "instruct": 5e-4}
TASK_MIX = {"align": {"ground": 0.6, "detect": 0.25, "detect_labels": 0.15},
            "instruct": {"ground": 0.45, "detect": 0.2, "detect_labels": 0.15, "describe": 0.2}}


@dataclass
class RecipeOptions:
    batch_size: int = 32
    seed: int = 1234
    budget_minutes: float = 150.0
    stage_fractions: tuple = (0.45, 0.25, 0.30)
    reserve_fraction: float = 0.05  # evaluation + export (a few minutes at the defaults)
    fixed_steps: Optional[List[Optional[int]]] = None  # overrides the time-based plan per stage (None = that stage by time)
    checkpoint_minutes: float = 5.0
    warmup_steps: int = 50
    timing_steps: int = 4
    replan_every: int = 100  # time-planned stages re-plan from their last N step times (cold caches make first steps slow)
    log_every: int = 20
    sequences_per_frame: int = 2  # stages 2-3 with a frozen encoder: sequences (tasks) per encoded frame
    loc_sigma: float = 1.0  # loc targets spread over neighbouring bins (Gaussian, in bins); 0 = plain CE
    pointer_weight: float = 0.5  # weight of the auxiliary pointer loss (needs cfg.pointer_dim > 0)
    cache_encoder: bool = True  # frozen encoder: encode every training frame once instead of on every step
    stop_after_steps: Optional[int] = None  # checkpoint and return after this many steps (split a run; tests)
    grey_fraction: float = 0.0  # stage 1: share of frames shown in greyscale, colour loss off for them (shape from form)
    ground_kind_weights: Optional[Dict[str, float]] = None  # stages 2-3: ground expressions drawn by kind weight (None = uniform)


@dataclass
class TrainingState:
    stage: int = 0
    step: int = 0
    planned: Dict[str, int] = field(default_factory=dict)
    step_seconds: Dict[str, float] = field(default_factory=dict)
    elapsed: float = 0.0
    losses: Dict[str, List] = field(default_factory=dict)
    model: Optional[dict] = None
    optimizer: Optional[dict] = None


def sequence_loss(logits, labels, loc_offset: int, loc_bins: int, loc_sigma: float):
    """Next-token CE over the answer; where the target is a loc token the one-hot target is replaced by a
    Gaussian over the neighbouring bins, so an off-by-one box corner costs less than a far one (the bins
    are ordinal, plain CE treats them as unrelated classes)."""
    flat_logits = logits.reshape(-1, logits.shape[-1])
    flat = labels.reshape(-1)
    keep = flat != -100
    flat_logits, flat = flat_logits[keep], flat[keep]
    logp = torch.log_softmax(flat_logits, dim=-1)
    is_loc = (flat >= loc_offset) & (flat < loc_offset + loc_bins)
    if loc_sigma <= 0 or not bool(is_loc.any()):
        return -logp.gather(1, flat.unsqueeze(1)).mean()
    target = torch.zeros_like(logp)
    target[(~is_loc).nonzero().flatten(), flat[~is_loc]] = 1.0
    bins = torch.arange(loc_bins, dtype=logp.dtype)
    centre = (flat[is_loc] - loc_offset).to(logp.dtype).unsqueeze(1)
    g = torch.exp(-0.5 * ((bins - centre) / loc_sigma) ** 2)
    target[is_loc.nonzero().flatten().unsqueeze(1), loc_offset + bins.long().unsqueeze(0)] = g / g.sum(1, keepdim=True)
    return -(target * logp).sum(1).mean()


def set_seed(seed: int):
    random.seed(seed)
    np.random.seed(seed % (2 ** 32))
    torch.manual_seed(seed)


def lr_at(step: int, total: Optional[int], base: float, warmup: int) -> float:
    """Linear warm-up, then cosine to 5% of base over the planned steps (unknown during timing = warm-up)."""
    w = max(1, min(warmup, (total or warmup * 20) // 10))
    if step < w:
        return base * (step + 1) / w
    if not total:
        return base
    t = min(1.0, (step - w) / max(1, total - w))
    return base * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * t)))


def revised_plan(step: int, total: int, per_step: float, left_s: float, tolerance: float = 0.02) -> Optional[int]:
    """The step count that fills a stage's remaining time at the current step time, or None while the plan is
    within ``tolerance`` of it (each change moves the cosine schedule a little)."""
    new = step + max(0, int(left_s / per_step))
    return new if abs(new - total) > tolerance * total else None


def to_grey(imgs: np.ndarray, which: np.ndarray) -> np.ndarray:
    """The images selected by ``which`` (N bools) as luminance (ITU-R BT.601) in all three channels; uint8 NHWC."""
    out = imgs.copy()
    lum = (imgs[which].astype(np.float32) @ np.array(LUMA, dtype=np.float32)).round().clip(0, 255)
    out[which] = lum.astype(np.uint8)[..., None]
    return out


class Recipe:
    def __init__(self, model: TabletopVLM, vocab: Vocabulary, train: ExportSet, options: RecipeOptions, work_dir: str,
                 log=print):
        self.model, self.vocab, self.train, self.opt = model, vocab, train, options
        self.work_dir = work_dir
        self.ckpt_path = os.path.join(work_dir, "checkpoint.pt")
        self.log = log
        self.state = TrainingState()
        self.rows, self.cols = model.cfg.grid
        self.labels = [f"{c} {s}" for c in train.colours for s in train.shapes]
        self._encoded = None  # frozen-encoder outputs of every training frame (tokens, det_logits, det_boxes)

    # ---------------------------------------------------------------- checkpoints
    def load_checkpoint(self) -> bool:
        if not os.path.isfile(self.ckpt_path):
            return False
        data = torch.load(self.ckpt_path)
        self.state = TrainingState(**data["state"])
        self.model.load_state_dict(self.state.model)
        self.log(f"resumed from {self.ckpt_path}: stage {STAGES[min(self.state.stage, 2)]} step {self.state.step}, "
                 f"{self.state.elapsed / 60:.1f} min already spent")
        return True

    def save_checkpoint(self, optimizer):
        self.state.model = self.model.state_dict()
        self.state.optimizer = optimizer.state_dict() if optimizer is not None else None
        tmp = self.ckpt_path + ".tmp"
        torch.save({"state": self.state.__dict__, "config": self.model.cfg.to_dict(), "vocab": self.vocab.state()}, tmp)
        os.replace(tmp, self.ckpt_path)  # atomic: a crash never leaves a half-written checkpoint
        self.state.model = self.state.optimizer = None

    # ---------------------------------------------------------------- batches (seeded per step: resume-exact)
    def _rng(self, stage: int, step: int) -> random.Random:
        return random.Random(self.opt.seed * 1_000_003 + stage * 10_000_019 + step)

    def _frames(self, rng: random.Random):
        return [rng.randrange(len(self.train.samples)) for _ in range(self.opt.batch_size)]

    def _pixels(self, idx, rng: Optional[random.Random] = None, grey: Optional[List[bool]] = None):
        imgs = np.stack([self.train.image(i) for i in idx])
        if rng is not None:  # brightness only, per image: keeps hue, so colour labels stay true
            gains = np.array([rng.uniform(0.85, 1.15) for _ in idx], dtype=np.float32).reshape(-1, 1, 1, 1)
            imgs = (imgs.astype(np.float32) * gains).clip(0, 255).astype(np.uint8)
        if grey is not None and any(grey):
            imgs = to_grey(imgs, np.asarray(grey, dtype=bool))
        return pixel_values(imgs)

    def dense_step(self, stage: int, step: int):
        rng = self._rng(stage, step)
        idx = self._frames(rng)
        # drawn only when asked for, so that runs without it keep their exact batches
        grey = [rng.random() < self.opt.grey_fraction for _ in idx] if self.opt.grey_fraction > 0 else None
        pv = self._pixels(idx, rng, grey)
        heat, shape_t, colour_t, box_t = dense_targets([self.train.samples[i] for i in idx], self.rows, self.cols,
                                                       self.train.shapes, self.train.colours)
        _, det_logits, det_boxes = self.model.encode(pv)
        colour_keep = None if grey is None else torch.tensor([0.0 if g else 1.0 for g in grey])
        loss, parts = dense_loss(det_logits, det_boxes, heat, shape_t, colour_t, box_t, len(self.train.shapes),
                                 colour_keep=colour_keep)
        return loss, parts

    @torch.no_grad()
    def _encode_all(self):
        """With the encoder frozen its outputs never change: encoding every frame once (about two minutes for
        12k frames) makes a stage-2/3 step decoder-only and lets every sequence of a batch use its own frame."""
        if self._encoded is None:
            t0 = time.time()
            m = self.model
            n = len(self.train.samples)
            outs = [[], [], []]
            for start in range(0, n, 64):
                pv = self._pixels(list(range(start, min(n, start + 64))))
                tokens, det_logits, det_boxes = m.dense(pv)
                for acc, t in zip(outs, (tokens, det_logits, det_boxes)):
                    acc.append(t)
            self._encoded = tuple(torch.cat(acc) for acc in outs)
            self.log(f"encoded {n} training frames once for the frozen-encoder stages in {time.time() - t0:.0f} s")
        return self._encoded

    def sequence_step(self, stage: int, step: int, mix: Dict[str, float], encoder_trainable: bool):
        rng = self._rng(stage, step)
        cached = not encoder_trainable and self.opt.cache_encoder
        # Without the cache, k sequences share one frame's encoder pass (the encoder is about half of a step).
        k = 1 if encoder_trainable or cached else max(1, self.opt.sequences_per_frame)
        frames = [rng.randrange(len(self.train.samples)) for _ in range(max(1, self.opt.batch_size // k))]
        idx = [f for f in frames for _ in range(k)]
        items = []
        tasks, weights = list(mix), list(mix.values())
        for i in idx:
            task = rng.choices(tasks, weights)[0]
            item = build_task(self.train.samples[i], task, rng, self.vocab.loc_bins, self.labels, self.opt.ground_kind_weights)
            items.append(item or build_task(self.train.samples[i], "detect", rng, self.vocab.loc_bins, self.labels))
        ids, mask, labels = collate_sequences(self.vocab, items, self.model.cfg.num_image_tokens)
        m = self.model
        parts = {}
        if encoder_trainable:
            tokens, det_logits, det_boxes = m.dense(self._pixels(frames))
            heat, shape_t, colour_t, box_t = dense_targets([self.train.samples[i] for i in idx], self.rows, self.cols,
                                                           self.train.shapes, self.train.colours)
            aux, _ = dense_loss(det_logits, det_boxes, heat, shape_t, colour_t, box_t, len(self.train.shapes))
            parts["dense_aux"] = aux.item()
        elif cached:
            sel = torch.tensor(idx)
            tokens, det_logits, det_boxes = (t[sel] for t in self._encode_all())
            aux = 0.0
        else:
            with torch.no_grad():
                tokens, det_logits, det_boxes = m.dense(self._pixels(frames))
                tokens, det_logits, det_boxes = (t.repeat_interleave(k, dim=0) for t in (tokens, det_logits, det_boxes))
            aux = 0.0
        feats = m.projector(tokens, det_logits, det_boxes)
        embeds = m.merge_image_features(m.decoder.embed(ids), ids, feats, self.vocab.id("<image>"))
        positions = torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids)
        logits, _, hidden = m.decoder(embeds, mask, positions, return_hidden=True)
        lm = sequence_loss(logits[:, :-1], labels[:, 1:], self.vocab.loc_offset, self.vocab.loc_bins, self.opt.loc_sigma)
        parts["lm"] = lm.item()
        loss = lm + aux
        if hasattr(m, "pointer") and self.opt.pointer_weight > 0:
            ptr = self.pointer_loss(hidden, labels)
            if ptr is not None:
                parts["ptr"] = ptr.item()
                loss = loss + self.opt.pointer_weight * ptr
        return loss, parts

    def pointer_loss(self, hidden, labels):
        """Cross-entropy of the pointer head over the image positions, at every position that predicts one of a
        box's four loc tokens; the target is the image token (after the pixel shuffle) holding the box centre."""
        rows_c, cols_c = self.rows // self.model.cfg.pixel_shuffle, self.cols // self.model.cfg.pixel_shuffle
        n_img = self.model.cfg.num_image_tokens
        nxt = labels[:, 1:]
        off, bins = self.vocab.loc_offset, self.vocab.loc_bins
        is_loc = (nxt >= off) & (nxt < off + bins)
        b_idx, p_idx, targets = [], [], []
        for b, p in (is_loc & ~torch.cat([torch.zeros_like(is_loc[:, :1]), is_loc[:, :-1]], dim=1)).nonzero().tolist():
            if p + 3 >= nxt.shape[1] or not bool(is_loc[b, p:p + 4].all()):
                continue
            y0, x0, y1, x1 = ((nxt[b, p:p + 4] - off).float() + 0.5).div(bins).tolist()
            j = min(rows_c - 1, int((y0 + y1) / 2 * rows_c)) * cols_c + min(cols_c - 1, int((x0 + x1) / 2 * cols_c))
            for q in range(4):  # the positions emitting y0, x0, y1, x1 all keep pointing at the target
                b_idx.append(b)
                p_idx.append(p + q)
                targets.append(j)
        if not targets:
            return None
        b_t = torch.tensor(b_idx)
        scores = self.model.pointer(hidden[b_t, torch.tensor(p_idx)], hidden[b_t, :n_img])
        return F.cross_entropy(scores, torch.tensor(targets))

    # ---------------------------------------------------------------- stages
    def _stage_setup(self, name: str, encoder_lr_scale: float):
        m = self.model
        groups = []
        if name == "dense":
            for p in m.parameters():
                p.requires_grad_(False)
            params = list(m.encoder.parameters()) + list(m.head.parameters())
            for p in params:
                p.requires_grad_(True)
            groups.append({"params": params, "lr_scale": 1.0})
            m.train()
            return groups, False
        for p in m.parameters():
            p.requires_grad_(False)
        dec = list(m.projector.parameters()) + list(m.decoder.parameters())
        if hasattr(m, "pointer"):
            dec += list(m.pointer.parameters())
        for p in dec:
            p.requires_grad_(True)
        groups.append({"params": dec, "lr_scale": 1.0})
        enc_trainable = name == "instruct" and encoder_lr_scale > 0
        m.train()
        if enc_trainable:
            enc = list(m.encoder.parameters()) + list(m.head.parameters())
            for p in enc:
                p.requires_grad_(True)
            groups.append({"params": enc, "lr_scale": encoder_lr_scale})
        else:
            m.encoder.eval()  # frozen: BatchNorm statistics stay those of stage 1
            m.head.eval()
        return groups, enc_trainable

    def run(self, encoder_lr_scale: float = 0.0) -> bool:
        """Trains the remaining stages; False when stopped early by ``stop_after_steps`` (checkpoint written)."""
        budget_s = self.opt.budget_minutes * 60
        train_s = budget_s * (1 - self.opt.reserve_fraction)
        ends = np.cumsum(self.opt.stage_fractions) / sum(self.opt.stage_fractions) * train_s
        session_start = time.time() - self.state.elapsed
        last_ckpt = time.time()
        session_steps = 0
        while self.state.stage < len(STAGES):
            s = self.state.stage
            name = STAGES[s]
            groups, enc_trainable = self._stage_setup(name, encoder_lr_scale)
            optimizer = torch.optim.AdamW([{"params": g["params"], "lr": STAGE_LR[name] * g["lr_scale"]} for g in groups],
                                          lr=STAGE_LR[name], weight_decay=0.05, betas=(0.9, 0.98))
            if self.state.step > 0 and self.state.optimizer is not None:
                optimizer.load_state_dict(self.state.optimizer)
            self.state.optimizer = None
            fixed = bool(self.opt.fixed_steps) and self.opt.fixed_steps[s] is not None  # None = plan this stage by time
            if fixed:
                self.state.planned[name] = self.opt.fixed_steps[s]
            losses = self.state.losses.setdefault(name, [])
            timing, durations = [], []
            while True:
                total = self.state.planned.get(name)
                if total is not None and self.state.step >= total:
                    break
                if not fixed and self.state.elapsed > ends[s] + 0.03 * train_s:
                    # the machine got slower than the timed steps said: keep the overall budget
                    self.log(f"[{name}] stage time used up at step {self.state.step}/{total}; moving on")
                    self.state.planned[name] = self.state.step
                    break
                t0 = time.time()
                for g, spec in zip(optimizer.param_groups, groups):
                    g["lr"] = lr_at(self.state.step, total, STAGE_LR[name], self.opt.warmup_steps) * spec["lr_scale"]
                if name == "dense":
                    loss, parts = self.dense_step(s, self.state.step)
                else:
                    loss, parts = self.sequence_step(s, self.state.step, TASK_MIX[name], enc_trainable)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], 1.0)
                optimizer.step()
                dt = time.time() - t0
                durations.append(dt)
                losses.append([self.state.step, float(loss.item())])
                self.state.step += 1
                self.state.elapsed = time.time() - session_start
                if (not fixed and name in self.state.planned and self.state.step % self.opt.replan_every == 0
                        and len(durations) > self.opt.replan_every):
                    per = float(np.median(durations[-self.opt.replan_every:]))
                    new = revised_plan(self.state.step, self.state.planned[name], per, ends[s] - self.state.elapsed)
                    if new is not None:
                        self.log(f"[{name}] now {per:.3f} s/step -> {new} steps planned instead of {self.state.planned[name]}")
                        self.state.planned[name] = new
                if name not in self.state.planned:
                    timing.append(dt)
                    if len(timing) > self.opt.timing_steps:  # first step is warm-up, not timed
                        per = float(np.median(timing[1:]))
                        left = ends[s] - self.state.elapsed
                        self.state.planned[name] = self.state.step + max(0, int(left / per))
                        self.state.step_seconds[name] = per
                        self.log(f"[{name}] {per:.3f} s/step at batch {self.opt.batch_size} -> "
                                 f"{self.state.planned[name]} steps planned ({left / 60:.1f} min left for this stage)")
                if self.state.step % self.opt.log_every == 0:
                    detail = " ".join(f"{k}={v:.3f}" for k, v in parts.items())
                    self.log(f"[{name}] step {self.state.step}/{self.state.planned.get(name, '?')} "
                             f"loss={loss.item():.4f} {detail} lr={optimizer.param_groups[0]['lr']:.2e} "
                             f"{dt:.2f}s/step elapsed={self.state.elapsed / 60:.1f}min")
                session_steps += 1
                if self.opt.stop_after_steps is not None and session_steps >= self.opt.stop_after_steps:
                    self.save_checkpoint(optimizer)
                    return False
                if time.time() - last_ckpt > self.opt.checkpoint_minutes * 60:
                    self.save_checkpoint(optimizer)
                    last_ckpt = time.time()
            if len(durations) > 1:  # the first step of a session is warm-up
                self.state.step_seconds[name] = round(float(np.median(durations[1:])), 4)
            self.state.stage += 1
            self.state.step = 0
            self.save_checkpoint(None)
            last_ckpt = time.time()
        self.model.eval()
        return True


# ------------------------------------------------------------------------------------------------- evaluation

@torch.no_grad()
def evaluate(model: TabletopVLM, vocab: Vocabulary, data: ExportSet, frame_limit: int = 400, expression_limit: int = 800,
             decoder_detect_limit: int = 60, batch: int = 16, log=print, on_grounding=None) -> dict:
    """Dense detection, grounding and decoder detection on ``data``. ``on_grounding(sample, expression, answer)``,
    when given, sees every grounding answer as parsed (``[(label, box)]`` or None) for finer breakdowns."""
    model.eval()
    cfg = model.cfg
    rows, cols = cfg.grid
    t0 = time.time()
    frames = list(range(min(frame_limit, len(data.samples))))
    preds, gts = [], []
    held_out_labels, seen_labels = set(), set()
    features = {}
    for start in range(0, len(frames), batch):
        idx = frames[start:start + batch]
        pv = pixel_values(np.stack([data.image(i) for i in idx]))
        feats, det_logits, det_boxes = model.encode(pv)
        for j, i in enumerate(idx):
            features[i] = feats[j]
        preds += decode_dense(det_logits, det_boxes.clamp(0, 1), rows, cols, data.shapes, data.colours)
        for i in idx:
            objs = visible_objects(data.samples[i])
            gts.append([(o.label, list(o.box)) for o in objs])
            for o in objs:
                (held_out_labels if o.held_out else seen_labels).add(o.label)
    dense = {"all": detection_map(preds, gts), "seen": detection_map(preds, gts, seen_labels - held_out_labels),
             "held_out": detection_map(preds, gts, held_out_labels), "frames": len(frames)}

    tally = GroundingTally()
    jobs = [(i, e) for i in frames for e in data.samples[i].expressions][:expression_limit]
    grammar = LocGrammar(vocab, data.colours, data.shapes, single=True, none_threshold=GROUND_NONE_THRESHOLD)
    examples = []
    for start in range(0, len(jobs), batch):
        chunk = jobs[start:start + batch]
        feats = torch.stack([features[i] for i, _ in chunk])
        outs = generate(model, vocab, feats, ["ground " + e.text for _, e in chunk], grammar, max_new_tokens=8)
        for (i, e), toks in zip(chunk, outs):
            parsed = parse_loc_sentence(vocab, toks)
            pred_box = parsed[0][1] if parsed else None
            target = next((o for o in data.samples[i].objects if o.id == e.target), None) if e.target is not None else None
            tally.add(e.kind, e.held_out, list(target.box) if target else None, pred_box)
            if on_grounding is not None:
                on_grounding(data.samples[i], e, parsed)
            if len(examples) < 6:
                examples.append({"prompt": "ground " + e.text, "answer": vocab.decode(toks)})

    det_frames = frames[:decoder_detect_limit]
    dgrammar = LocGrammar(vocab, data.colours, data.shapes, single=False)
    dpreds = []
    for start in range(0, len(det_frames), batch):
        chunk = det_frames[start:start + batch]
        outs = generate(model, vocab, torch.stack([features[i] for i in chunk]), ["detect"] * len(chunk), dgrammar,
                        max_new_tokens=96)
        for toks in outs:
            parsed = parse_loc_sentence(vocab, toks) or []
            dpreds.append([(label, 1.0 - 0.01 * k, box) for k, (label, box) in enumerate(parsed)])
    decoder_detect = detection_map(dpreds, gts[:len(det_frames)])
    decoder_detect["frames"] = len(det_frames)

    describe = []
    if frames:
        n = min(2, len(frames))
        outs = generate(model, vocab, torch.stack([features[i] for i in frames[:n]]), ["describe"] * n, FreeText(vocab),
                        max_new_tokens=48)
        describe = [vocab.decode(t) for t in outs]
    result = {"split": data.split, "dense_detection": dense, "grounding": tally.summary(), "grounding_examples": examples,
              "decoder_detection": decoder_detect, "describe_examples": describe,
              "seconds": round(time.time() - t0, 1)}
    log(f"eval on {data.split}: dense mAP@0.5={dense['all']['map50']:.3f} mAP@[.5:.95]={dense['all']['map50_95']:.3f}; "
        f"grounding acc={result['grounding']['overall']['acc']}; none-rate={result['grounding']['none_rate']} "
        f"({result['seconds']} s)")
    return result
