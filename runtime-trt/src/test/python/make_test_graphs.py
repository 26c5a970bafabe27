#!/usr/bin/python3
"""Writes the tiny ONNX graphs runtime-trt's tests run, plus expected outputs from numpy.

    /usr/bin/python3 runtime-trt/src/test/python/make_test_graphs.py            # test graphs (committed)
    /usr/bin/python3 runtime-trt/src/test/python/make_test_graphs.py --vit DIR   # ViT-like bench graphs (not committed)

Inputs are filled with the same deterministic pattern the Java tests use (see `pattern`), so expected
outputs are plain little-endian float32 files: <graph>.<output>.expected.f32.
The MatMul ceiling graph for `sightline bench runtime` goes into runtime-trt's main resources.
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
GRAPHS = os.path.join(MODULE, "src", "test", "resources", "graphs")
BENCH_RES = os.path.join(MODULE, "src", "main", "resources", "io", "sightline", "runtime", "bench")
OPSET = [helper.make_opsetid("", 17)]
IN, HID, VOCAB = 16, 32, 24


def pattern(n):
    """Same as io.sightline.runtime.TestPatterns.fill: ((i * 2654435761) mod 1000) / 1000 - 0.5."""
    i = np.arange(n, dtype=np.int64)
    return ((i * 2654435761) % 1000).astype(np.float32) / np.float32(1000) - np.float32(0.5)


def save_model(model, name, directory=GRAPHS):
    onnx.checker.check_model(model)
    path = os.path.join(directory, name)
    onnx.save(model, path)
    print("wrote", path, os.path.getsize(path), "bytes")


def save_expected(graph, output, array):
    path = os.path.join(GRAPHS, f"{graph}.{output}.expected.f32")
    np.asarray(array, dtype="<f4").tofile(path)


def quantize_symmetric(values, axis=None):
    """int8 symmetric scales (zero point 0), per tensor or per channel along `axis`."""
    amax = np.abs(values).max() if axis is None else np.abs(values).max(axis=tuple(a for a in range(values.ndim) if a != axis))
    scale = (np.maximum(amax, 1e-8) / 127.0).astype(np.float32)
    return scale


def fake_quant(values, scale, axis=None):
    s = scale if axis is None else np.expand_dims(scale, tuple(a for a in range(values.ndim) if a != axis))
    return (np.clip(np.round(values / s), -128, 127) * s).astype(np.float32)


def mlp(rng):
    w = rng.standard_normal((IN, HID)).astype(np.float32) * 0.3
    b = rng.standard_normal(HID).astype(np.float32) * 0.1
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", IN])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", HID])
    nodes = [helper.make_node("MatMul", ["x", "w"], ["xw"]),
             helper.make_node("Add", ["xw", "b"], ["xwb"]),
             helper.make_node("Relu", ["xwb"], ["y"])]
    graph = helper.make_graph(nodes, "mlp_fp32", [x], [y], [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    save_model(helper.make_model(graph, opset_imports=OPSET, producer_name="sightline-tests"), "mlp_fp32.onnx")
    xs = pattern(3 * IN).reshape(3, IN)
    save_expected("mlp_fp32", "y", np.maximum(xs @ w + b, 0))

    # QDQ: activation per tensor (scale from the calibration input), weights per output channel (axis 1).
    x_scale = np.float32(np.abs(xs).max() / 127.0)
    w_scale = quantize_symmetric(w, axis=1)
    w_q = np.clip(np.round(w / w_scale[None, :]), -128, 127).astype(np.int8)
    inits = [numpy_helper.from_array(w_q, "w_q"), numpy_helper.from_array(w_scale, "w_scale"),
             numpy_helper.from_array(np.zeros(HID, np.int8), "w_zero"), numpy_helper.from_array(b, "b"),
             numpy_helper.from_array(np.array(x_scale, np.float32), "x_scale"),
             numpy_helper.from_array(np.array(0, np.int8), "x_zero")]
    nodes = [helper.make_node("QuantizeLinear", ["x", "x_scale", "x_zero"], ["x_q"]),
             helper.make_node("DequantizeLinear", ["x_q", "x_scale", "x_zero"], ["x_dq"]),
             helper.make_node("DequantizeLinear", ["w_q", "w_scale", "w_zero"], ["w_dq"], axis=1),
             helper.make_node("MatMul", ["x_dq", "w_dq"], ["xw"]),
             helper.make_node("Add", ["xw", "b"], ["xwb"]),
             helper.make_node("Relu", ["xwb"], ["y"])]
    graph = helper.make_graph(nodes, "mlp_int8_qdq", [x], [y], inits)
    save_model(helper.make_model(graph, opset_imports=OPSET, producer_name="sightline-tests"), "mlp_int8_qdq.onnx")
    x_dq = fake_quant(xs, x_scale)
    w_dq = (w_q.astype(np.float32) * w_scale[None, :]).astype(np.float32)
    save_expected("mlp_int8_qdq", "y", np.maximum(x_dq @ w_dq + b, 0))


def decoder_step(rng):
    """One autoregressive step: a token id and the past keys/values in, logits and the grown cache out."""
    d = HID
    emb = rng.standard_normal((VOCAB, d)).astype(np.float32) * 0.5
    wq, wk, wv = (rng.standard_normal((d, d)).astype(np.float32) * 0.2 for _ in range(3))
    wo = rng.standard_normal((d, VOCAB)).astype(np.float32) * 0.2
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", 1]),
              helper.make_tensor_value_info("past_key", TensorProto.FLOAT, ["batch", "past_len", d]),
              helper.make_tensor_value_info("past_value", TensorProto.FLOAT, ["batch", "past_len", d])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 1, VOCAB]),
               helper.make_tensor_value_info("present_key", TensorProto.FLOAT, ["batch", "total_len", d]),
               helper.make_tensor_value_info("present_value", TensorProto.FLOAT, ["batch", "total_len", d])]
    nodes = [helper.make_node("Gather", ["emb", "input_ids"], ["h"], axis=0),
             helper.make_node("MatMul", ["h", "wq"], ["q"]),
             helper.make_node("MatMul", ["h", "wk"], ["k"]),
             helper.make_node("MatMul", ["h", "wv"], ["v"]),
             helper.make_node("Concat", ["past_key", "k"], ["present_key"], axis=1),
             helper.make_node("Concat", ["past_value", "v"], ["present_value"], axis=1),
             helper.make_node("Transpose", ["present_key"], ["kt"], perm=[0, 2, 1]),
             helper.make_node("MatMul", ["q", "kt"], ["scores"]),
             helper.make_node("Mul", ["scores", "inv_sqrt_d"], ["scaled"]),
             helper.make_node("Softmax", ["scaled"], ["attn"], axis=-1),
             helper.make_node("MatMul", ["attn", "present_value"], ["ctx"]),
             helper.make_node("MatMul", ["ctx", "wo"], ["logits"])]
    inits = [numpy_helper.from_array(a, n) for a, n in
             [(emb, "emb"), (wq, "wq"), (wk, "wk"), (wv, "wv"), (wo, "wo"),
              (np.array(1.0 / np.sqrt(d), np.float32), "inv_sqrt_d")]]
    graph = helper.make_graph(nodes, "decoder_step", inputs, outputs, inits)
    save_model(helper.make_model(graph, opset_imports=OPSET, producer_name="sightline-tests"), "decoder_step.onnx")

    batch, past = 2, 5
    ids = np.array([[3], [7]], np.int64)
    pk = pattern(batch * past * d).reshape(batch, past, d)
    pv = (pattern(batch * past * d) * np.float32(-1)).reshape(batch, past, d)
    h = emb[ids[:, 0]][:, None, :]
    pres_k = np.concatenate([pk, h @ wk], axis=1)
    pres_v = np.concatenate([pv, h @ wv], axis=1)
    s = (h @ wq) @ pres_k.transpose(0, 2, 1) / np.sqrt(d)
    a = np.exp(s - s.max(-1, keepdims=True))
    a /= a.sum(-1, keepdims=True)
    save_expected("decoder_step", "logits", (a @ pres_v) @ wo)
    save_expected("decoder_step", "present_key", pres_k)


def matmul_ceiling():
    """A bare MatMul with symbolic dims: the bench's measure of the machine's GEMM rate."""
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, ["m", "k"])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, ["k", "n"])
    c = helper.make_tensor_value_info("c", TensorProto.FLOAT, ["m", "n"])
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"])], "gemm_ceiling", [a, b], [c])
    os.makedirs(BENCH_RES, exist_ok=True)
    save_model(helper.make_model(graph, opset_imports=OPSET, producer_name="sightline-bench"), "gemm.onnx", BENCH_RES)


def corrupt():
    path = os.path.join(GRAPHS, "corrupt.onnx")
    with open(path, "wb") as f:
        f.write(b"\x08\x07\x12\x0bnot-an-onnx-graph" + bytes(range(7, 200, 3)))
    print("wrote", path)


def vit(directory, layers=6, dim=192, tokens=192, heads=3):
    """A ViT-like encoder stack exported from torch: the bench's stand-in for the pack's vision encoder."""
    import torch
    from torch import nn

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
            self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
            self.fc1, self.fc2 = nn.Linear(dim, 4 * dim), nn.Linear(4 * dim, dim)

        def forward(self, x):
            hd = dim // heads
            q, k, v = self.qkv(self.ln1(x)).reshape(-1, tokens, 3, heads, hd).permute(2, 0, 3, 1, 4)
            att = torch.softmax(q @ k.transpose(-2, -1) * (hd ** -0.5), dim=-1)
            x = x + self.proj((att @ v).transpose(1, 2).reshape(-1, tokens, dim))
            return x + self.fc2(nn.functional.gelu(self.fc1(self.ln2(x))))

    torch.manual_seed(0)
    model = nn.Sequential(*[Block() for _ in range(layers)]).eval()
    # Calibration: the absolute maximum of each Linear's input, in call order (= the exported MatMul order).
    ranges = []
    hooks = [m.register_forward_hook(lambda mod, inp, out: ranges.append(float(inp[0].abs().max())))
             for m in model.modules() if isinstance(m, nn.Linear)]
    with torch.no_grad():
        model(torch.randn(4, tokens, dim))
    for h in hooks:
        h.remove()
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "vit_tiny.onnx")
    torch.onnx.export(model, torch.randn(1, tokens, dim), path, input_names=["tokens"], output_names=["features"],
                      dynamic_axes={"tokens": {0: "batch"}, "features": {0: "batch"}}, opset_version=17)
    print("wrote", path, os.path.getsize(path), "bytes")
    qdq_matmuls(path, os.path.join(directory, "vit_tiny_int8_qdq.onnx"), ranges)


def qdq_matmuls(src, dst, activation_ranges):
    """int8 QDQ around every MatMul with a weight initializer: the activation per tensor (scale from
    `activation_ranges`, in node order), the weight per output channel; zero points 0 (TensorRT's convention)."""
    model = onnx.load(src)
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    new_nodes = []
    ranges = iter(activation_ranges)
    for node in g.node:
        if node.op_type == "MatMul" and node.input[1] in inits and len(numpy_helper.to_array(inits[node.input[1]]).shape) == 2:
            w = numpy_helper.to_array(inits[node.input[1]])
            scale = quantize_symmetric(w, axis=1)
            w_q = np.clip(np.round(w / scale[None, :]), -128, 127).astype(np.int8)
            base = node.input[1].replace("/", "_").replace(".", "_")
            g.initializer.extend([numpy_helper.from_array(w_q, base + "_q"), numpy_helper.from_array(scale, base + "_scale"),
                                  numpy_helper.from_array(np.zeros(w.shape[1], np.int8), base + "_zero")])
            new_nodes.append(helper.make_node("DequantizeLinear", [base + "_q", base + "_scale", base + "_zero"], [base + "_dq"], axis=1))
            node.input[1] = base + "_dq"
            x_scale = np.array(next(ranges) / 127.0, np.float32)
            g.initializer.extend([numpy_helper.from_array(x_scale, base + "_xscale"),
                                  numpy_helper.from_array(np.array(0, np.int8), base + "_xzero")])
            act = node.input[0]
            new_nodes.append(helper.make_node("QuantizeLinear", [act, base + "_xscale", base + "_xzero"], [base + "_xq"]))
            new_nodes.append(helper.make_node("DequantizeLinear", [base + "_xq", base + "_xscale", base + "_xzero"], [base + "_xdq"]))
            node.input[0] = base + "_xdq"
        new_nodes.append(node)
    del g.node[:]
    g.node.extend(new_nodes)
    used = {i for n in g.node for i in n.input}
    kept = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(kept)
    save_model(model, os.path.basename(dst), os.path.dirname(dst))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vit", metavar="DIR", help="write vit_tiny.onnx and vit_tiny_int8_qdq.onnx into DIR instead")
    args = parser.parse_args()
    if args.vit:
        vit(args.vit)
    else:
        os.makedirs(GRAPHS, exist_ok=True)
        rng = np.random.default_rng(20261126)
        mlp(rng)
        decoder_step(rng)
        matmul_ceiling()
        corrupt()
