"""ONNX export (opset 17) in the public decoder-only VLM layout, parity fixtures and manifest.json.

Files (ARCHITECTURE.md section 4):
    vision_encoder.onnx        pixel_values f32[B,3,H,W] -> image_features f32[B,N,D], det_logits f32[B,N,C], det_boxes f32[B,N,4]
    embed_tokens.onnx          input_ids i64[B,L] -> inputs_embeds f32[B,L,D]
    decoder_model_merged.onnx  inputs_embeds, attention_mask i64[B,past+L], position_ids i64[B,L],
                               past_key_values.{i}.key|value f32[B,kvh,past,hd] -> logits f32[B,L,V], present.{i}.key|value
"""
import hashlib
import json
import os
import shutil
from typing import List

import numpy as np
import onnx
import torch
import torch.nn as nn

from .data import ExportSet
from .dense import DENSE_PEAK_BOX_IOU, decode_dense
from .generate import GROUND_NONE_THRESHOLD
from .model import TabletopVLM, encoder_flops, parameter_count
from .tasks import MEAN, STD, pixel_values, prompt_ids
from .tokenizer import SPECIALS, Vocabulary, loc_token

OPSET = 17
PACK_FORMAT = 1


class EncoderGraph(nn.Module):
    def __init__(self, model: TabletopVLM):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        features, det_logits, det_boxes = self.model.encode(pixel_values)
        return features, det_logits, det_boxes.clamp(0.0, 1.0)


class EmbedGraph(nn.Module):
    def __init__(self, model: TabletopVLM):
        super().__init__()
        self.embed = model.decoder.embed

    def forward(self, input_ids):
        return self.embed(input_ids)


class DecoderGraph(nn.Module):
    def __init__(self, model: TabletopVLM):
        super().__init__()
        self.decoder = model.decoder
        self.layers = model.cfg.dec_layers

    def forward(self, inputs_embeds, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(self.layers)]
        logits, presents = self.decoder(inputs_embeds, attention_mask, position_ids, past)
        flat = []
        for k, v in presents:
            flat += [k, v]
        return (logits, *flat)


def past_names(layers: int):
    names = []
    for i in range(layers):
        names += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
    return names


def present_names(layers: int):
    names = []
    for i in range(layers):
        names += [f"present.{i}.key", f"present.{i}.value"]
    return names


def export_onnx(model: TabletopVLM, out_dir: str):
    model = model.folded_copy()  # plain embedding / lm_head weights, no training-only heads
    cfg = model.cfg
    os.makedirs(out_dir, exist_ok=True)
    pv = torch.zeros(1, 3, cfg.image_height, cfg.image_width)
    torch.onnx.export(EncoderGraph(model), (pv,), os.path.join(out_dir, "vision_encoder.onnx"), opset_version=OPSET,
                      input_names=["pixel_values"], output_names=["image_features", "det_logits", "det_boxes"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "image_features": {0: "batch"},
                                    "det_logits": {0: "batch"}, "det_boxes": {0: "batch"}},
                      do_constant_folding=True)
    ids = torch.zeros(1, 3, dtype=torch.long)
    torch.onnx.export(EmbedGraph(model), (ids,), os.path.join(out_dir, "embed_tokens.onnx"), opset_version=OPSET,
                      input_names=["input_ids"], output_names=["inputs_embeds"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "inputs_embeds": {0: "batch", 1: "sequence"}})
    # Traced with a non-empty past (2) and 3 new tokens so no dimension is specialised to 0 or 1;
    # the zero-length past of the first step is checked against the exported graph by the parity run.
    b, l, p = 1, 3, 2
    dummy_past = [torch.zeros(b, cfg.dec_kv_heads, p, cfg.head_dim) for _ in range(2 * cfg.dec_layers)]
    inputs = (torch.zeros(b, l, cfg.dec_dim), torch.ones(b, p + l, dtype=torch.long),
              torch.arange(p, p + l).view(1, l), *dummy_past)
    dyn = {"inputs_embeds": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "total_sequence"},
           "position_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"}}
    for n in past_names(cfg.dec_layers):
        dyn[n] = {0: "batch", 2: "past_sequence"}
    for n in present_names(cfg.dec_layers):
        dyn[n] = {0: "batch", 2: "total_sequence"}
    torch.onnx.export(DecoderGraph(model), inputs, os.path.join(out_dir, "decoder_model_merged.onnx"),
                      opset_version=OPSET,
                      input_names=["inputs_embeds", "attention_mask", "position_ids", *past_names(cfg.dec_layers)],
                      output_names=["logits", *present_names(cfg.dec_layers)], dynamic_axes=dyn)
    for name in ("vision_encoder.onnx", "embed_tokens.onnx", "decoder_model_merged.onnx"):
        onnx.checker.check_model(onnx.load(os.path.join(out_dir, name)))


def _tensor_spec(name, dtype, rank, shape):
    return {"name": name, "dtype": dtype, "rank": rank, "shape": shape}


def _write_f32(path: str, array: np.ndarray):
    np.ascontiguousarray(array, dtype="<f4").tofile(path)


DENSE_SCORE_THRESHOLD = 0.05  # the manifest's dense-head defaults; the fixtures' dense_detections use the same
DENSE_NMS_IOU = 0.6


@torch.no_grad()
def write_fixtures(model: TabletopVLM, vocab: Vocabulary, data: ExportSet, out_dir: str, count: int = 2):
    """Inputs and PyTorch outputs for the Java parity test (float32 little-endian .bin + fixtures.json).

    Decoder steps follow the run-time protocol exactly: step 0 = whole prompt with zero-length past,
    step 1 = the greedy token of step 0 with the presents of step 0 as past."""
    model = model.eval()
    cfg = model.cfg
    fdir = os.path.join(out_dir, "fixtures")
    os.makedirs(fdir, exist_ok=True)
    cases = []
    pick = [i for i, s in enumerate(data.samples) if s.expressions][:count] or list(range(min(count, len(data.samples))))
    for n, idx in enumerate(pick):
        sample = data.samples[idx]
        img = data.image(idx)
        shutil.copyfile(sample.image, os.path.join(fdir, f"case{n}_image.png"))
        pv = pixel_values(img[None])
        features, det_logits, det_boxes = EncoderGraph(model)(pv)
        # a different expression kind per case where the frame has one (case 1 prefers a relational phrase)
        kinds = ["ATTRIBUTE", "RELATIONAL", "NO_TARGET"]
        exprs = sorted(sample.expressions, key=lambda e: e.kind != kinds[n % len(kinds)])
        prompt = "ground " + exprs[0].text if exprs else "detect"
        ids = prompt_ids(vocab, prompt, cfg.num_image_tokens)
        text = "<image>" * cfg.num_image_tokens + "<bos>" + " " + prompt + " " + "<sep>"
        assert vocab.encode(text) == ids, "tokenizer round trip differs from the training sequence"
        ids_t = torch.tensor([ids])
        embeds = model.merge_image_features(model.decoder.embed(ids_t), ids_t, features, vocab.id("<image>"))
        mask = torch.ones(1, len(ids), dtype=torch.long)
        pos = torch.arange(len(ids)).view(1, -1)
        past = [(torch.zeros(1, cfg.dec_kv_heads, 0, cfg.head_dim),) * 2 for _ in range(cfg.dec_layers)]
        logits0, past = model.decoder(embeds, mask, pos, past)
        next_id = int(logits0[0, -1].argmax())
        mask1 = torch.ones(1, len(ids) + 1, dtype=torch.long)
        pos1 = torch.tensor([[len(ids)]])
        logits1, _ = model.decoder(model.decoder.embed(torch.tensor([[next_id]])), mask1, pos1, past)
        files = {
            "pixel_values": (pv, [1, 3, cfg.image_height, cfg.image_width]),
            "image_features": (features, list(features.shape)),
            "det_logits": (det_logits, list(det_logits.shape)),
            "det_boxes": (det_boxes, list(det_boxes.shape)),
            "step0_logits_last": (logits0[:, -1:], [1, 1, len(vocab)]),
            "step1_logits": (logits1, [1, 1, len(vocab)]),
        }
        entry = {"image": f"case{n}_image.png", "prompt": prompt, "prompt_text": text, "input_ids": ids,
                 "step0": {"attention_mask_length": len(ids), "position_ids": "0..%d" % (len(ids) - 1),
                           "past_length": 0, "argmax": next_id},
                 "step1": {"input_ids": [next_id], "attention_mask_length": len(ids) + 1,
                           "position_ids": [len(ids)], "past_length": len(ids),
                           "argmax": int(logits1[0, -1].argmax())},
                 "dense_detections": [{"label": label, "score": score, "box": box} for label, score, box in
                                      decode_dense(det_logits, det_boxes, cfg.grid[0], cfg.grid[1], data.shapes,
                                                   data.colours, threshold=DENSE_SCORE_THRESHOLD,
                                                   nms_iou=DENSE_NMS_IOU, peak_box_iou=DENSE_PEAK_BOX_IOU)[0]],
                 "tensors": {}}
        for key, (tensor, shape) in files.items():
            fname = f"case{n}_{key}.bin"
            _write_f32(os.path.join(fdir, fname), tensor.numpy())
            entry["tensors"][key] = {"file": fname, "shape": shape, "dtype": "float32", "byte_order": "little"}
        cases.append(entry)
    colour, shape = data.colours[0], data.shapes[0]
    texts = [f"{loc_token(12)}{loc_token(34)}{loc_token(100)}{loc_token(vocab.loc_bins - 1)} {colour} {shape} ; "
             f"{loc_token(0)}{loc_token(1)}{loc_token(2)}{loc_token(3)} {data.colours[-1]} {data.shapes[-1]}<eos>",
             "none<eos>", f"<bos> detect {colour} {shape} ; {data.colours[-1]} {data.shapes[-1]} <sep>",
             "<bos> ground the zzzunknownword <sep>"]
    tokenizer_cases = [{"text": t, "ids": vocab.encode(t)} for t in texts]
    meta = {"tolerance": 1e-4, "comparison": "max absolute difference", "cases": cases,
            "tokenizer_cases": tokenizer_cases,
            "note": "step0_logits_last is the last row of the step-0 logits [1,L,V]; step1 feeds the step-0 argmax"}
    with open(os.path.join(fdir, "fixtures.json"), "w") as f:
        json.dump(meta, f, indent=1)


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_entries(out_dir: str, under: str = "") -> dict:
    """manifest.json's "files": relative path -> sha256 and size, for every file below ``out_dir/under``."""
    files = {}
    for root, _, names in os.walk(os.path.join(out_dir, under)):
        for n in sorted(names):
            path = os.path.join(root, n)
            rel = os.path.relpath(path, out_dir).replace(os.sep, "/")
            if rel != "manifest.json":
                files[rel] = {"sha256": sha256(path), "bytes": os.path.getsize(path)}
    return dict(sorted(files.items()))


def write_manifest(model: TabletopVLM, vocab: Vocabulary, shapes: List[str], colours: List[str], out_dir: str,
                   name: str, version: str, metrics_summary: dict, training: dict):
    cfg = model.cfg
    L = cfg.dec_layers
    inputs = [_tensor_spec("inputs_embeds", "float32", 3, ["batch", "sequence", cfg.dec_dim]),
              _tensor_spec("attention_mask", "int64", 2, ["batch", "past_sequence + sequence"]),
              _tensor_spec("position_ids", "int64", 2, ["batch", "sequence"])]
    inputs += [_tensor_spec(n, "float32", 4, ["batch", cfg.dec_kv_heads, "past_sequence", cfg.head_dim])
               for n in past_names(L)]
    outputs = [_tensor_spec("logits", "float32", 3, ["batch", "sequence", len(vocab)])]
    outputs += [_tensor_spec(n, "float32", 4, ["batch", cfg.dec_kv_heads, "past_sequence + sequence", cfg.head_dim])
                for n in present_names(L)]
    n_img = cfg.num_image_tokens
    ns, nc = len(shapes), len(colours)
    manifest = {
        "format": PACK_FORMAT,
        "name": name,
        "version": version,
        "tasks": ["detect", "ground", "describe"],
        "image": {"width": cfg.image_width, "height": cfg.image_height, "channels": 3, "layout": "NCHW",
                  "colour_order": "RGB", "resize": "OpenCV INTER_AREA to width x height (no letterbox)",
                  "scale": 1.0 / 255.0, "mean": list(MEAN), "std": list(STD),
                  "normalise": "x = (rgb / 255 - mean) / std per channel"},
        "labels": {"shapes": shapes, "colours": colours,
                   "all": [f"{c} {s}" for c in colours for s in shapes], "label_format": "colour shape"},
        "grammar": "paligemma-loc",
        "loc": {"bins": vocab.loc_bins, "token_format": "<loc%04d>", "first_token_id": vocab.loc_offset,
                "order": "y_min x_min y_max x_max", "encode": "bin = min(bins - 1, floor(v * bins)), v normalised 0..1",
                "decode": "v = (bin + 0.5) / bins"},
        "prompt": {"template": "<image> x image_tokens, then <bos>, the task text, <sep>; generation stops at <eos>",
                   "text": "'<image>' * image_tokens + '<bos> ' + task_text + ' <sep>' (fixtures.json prompt_text)",
                   "example": "<image>...<image><bos> ground the red cup left of the blue cube <sep>",
                   "tasks": {"ground": "ground <expression>", "detect": "detect",
                             "detect_labels": "detect <label> ; <label>", "describe": "describe"},
                   "no_target_answer": "none",
                   "first_step_rule": "answer none only if p(none) >= none_threshold[task] * (p(none) + sum of p(<locNNNN>) over all bins), "
                                      "none_threshold 0.5 for a task not listed; else argmax over loc",
                   "none_threshold": {"ground": GROUND_NONE_THRESHOLD},
                   "max_new_tokens": {"ground": 8, "detect": 96, "describe": 48}},
        "image_token_id": vocab.id("<image>"),
        "image_tokens": n_img,
        "image_token_grid": {"rows": cfg.grid[0] // cfg.pixel_shuffle, "cols": cfg.grid[1] // cfg.pixel_shuffle,
                             "order": "row-major", "stride_px": cfg.patch * cfg.pixel_shuffle},
        "special_tokens": {t.strip("<>"): vocab.id(t) for t in SPECIALS} | {"separator": vocab.id(";"),
                                                                           "none": vocab.id("none")},
        "vocab_size": len(vocab),
        "decoder": {"layers": L, "hidden_size": cfg.dec_dim, "attention_heads": cfg.dec_heads,
                    "kv_heads": cfg.dec_kv_heads, "head_dim": cfg.head_dim, "position_ids": "0-based over the whole sequence",
                    "rope_theta": cfg.rope_theta, "first_step_past_length": 0},
        "dense_head": {
            "tokens": cfg.grid_tokens, "channels": cfg.det_classes,
            "grid": {"rows": cfg.grid[0], "cols": cfg.grid[1], "order": "row-major", "stride_px": cfg.patch},
            "layout": {"objectness": [0, 1], "shape": [1, 1 + ns], "colour": [1 + ns, 1 + ns + nc]},
            "activation": "sigmoid(objectness); softmax over the shape slice and over the colour slice",
            "score": "sigmoid(objectness) * max p(shape) * max p(colour)",
            "peaks": "a token is a candidate unless a token of its 3x3 grid neighbourhood has a higher objectness and a box "
                     "overlapping its own at IoU >= peak_box_iou (0 = the plain 3x3 maximum)",
            "boxes": "det_boxes x_min y_min x_max y_max normalised 0..1 (already clipped)",
            "label": "colours[argmax colour] + ' ' + shapes[argmax shape]",
            "score_threshold": DENSE_SCORE_THRESHOLD, "nms_iou_per_label": DENSE_NMS_IOU,
            "peak_box_iou": DENSE_PEAK_BOX_IOU},
        "graphs": {
            "vision_encoder": {"file": "vision_encoder.onnx",
                               "inputs": [_tensor_spec("pixel_values", "float32", 4, ["batch", 3, cfg.image_height, cfg.image_width])],
                               "outputs": [_tensor_spec("image_features", "float32", 3, ["batch", n_img, cfg.dec_dim]),
                                           _tensor_spec("det_logits", "float32", 3, ["batch", cfg.grid_tokens, cfg.det_classes]),
                                           _tensor_spec("det_boxes", "float32", 3, ["batch", cfg.grid_tokens, 4])]},
            "embed_tokens": {"file": "embed_tokens.onnx",
                             "inputs": [_tensor_spec("input_ids", "int64", 2, ["batch", "sequence"])],
                             "outputs": [_tensor_spec("inputs_embeds", "float32", 3, ["batch", "sequence", cfg.dec_dim])]},
            "decoder": {"file": "decoder_model_merged.onnx", "inputs": inputs, "outputs": outputs},
        },
        "tokenizer": "tokenizer.json",
        "opset": OPSET,
        "model": {"config": cfg.to_dict(),
                  "parameters": {"vision_encoder_onnx": parameter_count(model.encoder) + parameter_count(model.head)
                                 + parameter_count(model.projector),
                                 "decoder": parameter_count(model.decoder), "total": parameter_count(model)},
                  "encoder_gflops_per_frame": round(encoder_flops(model) / 1e9, 4)},
        "metrics": metrics_summary,
        "training": training,
    }
    manifest["files"] = file_entries(out_dir)
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest
