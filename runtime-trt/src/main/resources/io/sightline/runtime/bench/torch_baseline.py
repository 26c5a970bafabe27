#!/usr/bin/python3
"""PyTorch-eager baseline for `sightline bench runtime`: runs an ONNX graph op by op with torch.

Why an interpreter: the bench must work on any graph (the pack's encoder, a decoder step, test graphs),
and a graph has no torch module next to it. Each ONNX node becomes the torch call an nn.Module would
make (torch.matmul, softmax, layer_norm...), so the time is what eager PyTorch spends on the same
arithmetic, plus a dict lookup per node (microseconds; a few percent on the smallest graphs). A module
would call fused ops where the exported graph has several (GELU = Div, Erf, Add, Mul, Mul): on a ViT
block that costs eager torch roughly 15% here, so the speed-ups printed are upper bounds.
QuantizeLinear/DequantizeLinear run as fake quantization in float32: eager PyTorch has no int8 GEMM
for a QDQ graph, which is exactly what a user without ONNX Runtime or TensorRT would get.

Prints one JSON object: p50_ms, p99_ms, mean_ms, max_ms, throughput, gflop (MatMul/Gemm/Conv multiply-adds x2,
counted on the first run), checksum (sum of |first output|), torch version, threads, fake_quant
(whether QDQ nodes ran as float32 fake quantization).
"""
import argparse
import json
import os
import time

# torch at its best on a small CPU: OpenBLAS's own thread pool on top of torch's threads oversubscribes the cores
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import onnx
import torch
from onnx import numpy_helper

DTYPES = {"float32": torch.float32, "int64": torch.int64, "int32": torch.int32, "int8": torch.int8, "uint8": torch.uint8}


def pattern(n):
    """Same fill as io.sightline.runtime.bench.BenchInputs."""
    i = np.arange(n, dtype=np.int64)
    return ((i * 2654435761) % 1000).astype(np.float32) / np.float32(1000) - np.float32(0.5)


def make_input(shape, dtype):
    n = int(np.prod(shape)) if shape else 1
    if dtype == "float32":
        return torch.from_numpy(pattern(n).reshape(shape))
    return torch.from_numpy((np.arange(n, dtype=np.int64) % 7).reshape(shape)).to(DTYPES[dtype])


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class Interpreter:
    def __init__(self, model):
        self.consts = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in model.graph.initializer}
        # Constant nodes are evaluated once, as an nn.Module holds its buffers.
        for n in model.graph.node:
            if n.op_type == "Constant":
                self.consts[n.output[0]] = self.op_Constant([], attrs(n))
        self.nodes = [n for n in model.graph.node if n.op_type != "Constant"]
        self.outputs = [o.name for o in model.graph.output]
        self.attrs = [attrs(n) for n in self.nodes]
        self.flops = 0
        self.counting = False

    def run(self, feeds):
        env = dict(self.consts)
        env.update(feeds)
        for node, a in zip(self.nodes, self.attrs):
            args = [env[i] if i else None for i in node.input]
            out = getattr(self, "op_" + node.op_type)(args, a)
            if not isinstance(out, (tuple, list)):
                out = (out,)
            for name, value in zip(node.output, out):
                env[name] = value
        return [env[o] for o in self.outputs]

    def count(self, m, k, n_out):
        if self.counting:
            self.flops += 2 * n_out * k

    # --- arithmetic
    def op_MatMul(self, x, a):
        y = torch.matmul(x[0], x[1])
        self.count(None, x[0].shape[-1], y.numel())
        return y

    def op_Gemm(self, x, a):
        A = x[0].T if a.get("transA", 0) else x[0]
        B = x[1].T if a.get("transB", 0) else x[1]
        y = a.get("alpha", 1.0) * (A @ B)
        self.count(None, A.shape[-1], y.numel())
        return y + a.get("beta", 1.0) * x[2] if len(x) > 2 and x[2] is not None else y

    def op_Conv(self, x, a):
        w = x[1]
        y = torch.nn.functional.conv2d(x[0], w, x[2] if len(x) > 2 else None, stride=a.get("strides", [1, 1]),
                                       padding=a.get("pads", [0, 0, 0, 0])[:2], dilation=a.get("dilations", [1, 1]), groups=a.get("group", 1))
        self.count(None, w.shape[1] * w.shape[2] * w.shape[3], y.numel())
        return y

    def op_Add(self, x, a): return x[0] + x[1]
    def op_Sub(self, x, a): return x[0] - x[1]
    def op_Mul(self, x, a): return x[0] * x[1]
    def op_Div(self, x, a): return x[0] / x[1]
    def op_Pow(self, x, a): return torch.pow(x[0], x[1])
    def op_Sqrt(self, x, a): return torch.sqrt(x[0])
    def op_Erf(self, x, a): return torch.erf(x[0])
    def op_Tanh(self, x, a): return torch.tanh(x[0])
    def op_Sigmoid(self, x, a): return torch.sigmoid(x[0])
    def op_Relu(self, x, a): return torch.relu(x[0])
    def op_Neg(self, x, a): return -x[0]
    def op_Exp(self, x, a): return torch.exp(x[0])
    def op_Softmax(self, x, a): return torch.softmax(x[0], dim=a.get("axis", -1))
    def op_Softplus(self, x, a): return torch.nn.functional.softplus(x[0])
    def op_Cos(self, x, a): return torch.cos(x[0])
    def op_Sin(self, x, a): return torch.sin(x[0])
    def op_And(self, x, a): return torch.logical_and(x[0], x[1])
    def op_Greater(self, x, a): return x[0] > x[1]
    def op_LessOrEqual(self, x, a): return x[0] <= x[1]
    def op_Where(self, x, a): return torch.where(x[0], x[1], x[2])

    def op_Clip(self, x, a):
        lo = x[1] if len(x) > 1 and x[1] is not None else a.get("min")
        hi = x[2] if len(x) > 2 and x[2] is not None else a.get("max")
        return torch.clamp(x[0], min=lo, max=hi)

    def op_Range(self, x, a):
        start, limit, delta = (v.item() for v in x)
        return torch.arange(start, limit, delta, dtype=x[0].dtype)

    def op_ReduceMean(self, x, a):
        axes = a.get("axes", x[1].tolist() if len(x) > 1 and x[1] is not None else None)
        return torch.mean(x[0], dim=axes, keepdim=bool(a.get("keepdims", 1)))

    def op_LayerNormalization(self, x, a):
        axis = a.get("axis", -1) % x[0].dim()
        return torch.nn.functional.layer_norm(x[0], x[0].shape[axis:], x[1], x[2] if len(x) > 2 else None, a.get("epsilon", 1e-5))

    # --- shapes
    def op_Constant(self, x, a): return torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
    def op_Identity(self, x, a): return x[0]
    def op_Cast(self, x, a): return x[0].to({1: torch.float32, 7: torch.int64, 6: torch.int32, 9: torch.bool}[a["to"]])
    def op_Shape(self, x, a): return torch.tensor(x[0].shape, dtype=torch.int64)
    def op_Transpose(self, x, a): return x[0].permute(*a["perm"])
    def op_Concat(self, x, a): return torch.cat(x, dim=a["axis"])
    def op_Gather(self, x, a): return torch.index_select(x[0], a.get("axis", 0), x[1].reshape(-1)).reshape(
        x[0].shape[:a.get("axis", 0)] + x[1].shape + x[0].shape[a.get("axis", 0) + 1:])

    def op_Reshape(self, x, a):
        shape = [int(d) for d in x[1].tolist()]
        shape = [x[0].shape[i] if d == 0 else d for i, d in enumerate(shape)]
        return x[0].reshape(shape)

    def op_Squeeze(self, x, a):
        axes = x[1].tolist() if len(x) > 1 and x[1] is not None else a.get("axes")
        y = x[0]
        for ax in sorted((d % y.dim() for d in axes), reverse=True):
            y = y.squeeze(ax)
        return y

    def op_Unsqueeze(self, x, a):
        y = x[0]
        for ax in sorted(x[1].tolist() if len(x) > 1 else a["axes"]):
            y = y.unsqueeze(ax)
        return y

    def op_Split(self, x, a):
        axis = a.get("axis", 0)
        if len(x) > 1 and x[1] is not None:
            return torch.split(x[0], x[1].tolist(), dim=axis)
        n = a.get("num_outputs")
        return torch.chunk(x[0], n, dim=axis)

    def op_Slice(self, x, a):
        y = x[0]
        starts, ends = x[1].tolist(), x[2].tolist()
        axes = x[3].tolist() if len(x) > 3 and x[3] is not None else list(range(len(starts)))
        steps = x[4].tolist() if len(x) > 4 and x[4] is not None else [1] * len(starts)
        idx = [slice(None)] * y.dim()
        for s, e, ax, st in zip(starts, ends, axes, steps):
            idx[ax] = slice(s, min(e, y.shape[ax]), st)
        return y[tuple(idx)]

    # --- quantization (fake-quant in float32, see the module doc)
    @staticmethod
    def _bcast(scale, x, axis):
        if scale.dim() == 0:
            return scale
        shape = [1] * x.dim()
        shape[axis % x.dim()] = -1
        return scale.reshape(shape)

    def op_QuantizeLinear(self, x, a):
        axis = a.get("axis", 1)
        zp = x[2] if len(x) > 2 and x[2] is not None else torch.tensor(0, dtype=torch.uint8)
        lo, hi = (-128, 127) if zp.dtype == torch.int8 else (0, 255)
        q = torch.round(x[0] / self._bcast(x[1], x[0], axis)) + self._bcast(zp.float(), x[0], axis)
        return torch.clamp(q, lo, hi).to(zp.dtype)

    def op_DequantizeLinear(self, x, a):
        axis = a.get("axis", 1)
        zp = x[2].float() if len(x) > 2 and x[2] is not None else torch.tensor(0.0)
        return (x[0].float() - self._bcast(zp, x[0], axis)) * self._bcast(x[1], x[0], axis)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--graph", required=True)
    p.add_argument("--inputs", required=True, help='JSON: {"name": {"shape": [..], "dtype": "float32"}}')
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--iterations", type=int, default=50)
    p.add_argument("--warmup", type=int, default=5)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    interp = Interpreter(onnx.load(args.graph))
    feeds = {name: make_input(spec["shape"], spec["dtype"]) for name, spec in json.loads(args.inputs).items()}
    times = []
    with torch.no_grad():
        interp.counting = True
        first = interp.run(feeds)
        interp.counting = False
        for _ in range(args.warmup):
            interp.run(feeds)
        for _ in range(args.iterations):
            t0 = time.perf_counter_ns()
            interp.run(feeds)
            times.append(time.perf_counter_ns() - t0)
    ms = np.array(times, dtype=np.float64) / 1e6
    print(json.dumps({
        "p50_ms": float(np.percentile(ms, 50)), "p99_ms": float(np.percentile(ms, 99)), "mean_ms": float(ms.mean()),
        "max_ms": float(ms.max()), "throughput": float(1000.0 / ms.mean()), "gflop": interp.flops / 1e9,
        "checksum": float(first[0].abs().sum()), "torch": torch.__version__, "threads": torch.get_num_threads(),
        "fake_quant": any(n.op_type in ("QuantizeLinear", "DequantizeLinear") for n in interp.nodes)}))


if __name__ == "__main__":
    main()
