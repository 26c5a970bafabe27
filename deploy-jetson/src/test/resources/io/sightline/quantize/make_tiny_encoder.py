"""Writes tiny_encoder.onnx, the INT8 tests' stand-in encoder, with the onnx package's own serializer (so
the tests read bytes as the spec's reference implementation writes them). Run: /usr/bin/python3 make_tiny_encoder.py"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(7)


def init(name, *shape):
    return numpy_helper.from_array((rng.standard_normal(shape) * 0.5).astype(np.float32), name)


nodes = [
    helper.make_node("Conv", ["pixel_values", "conv_w", "conv_b"], ["conv"], name="stem", pads=[1, 1, 1, 1], strides=[2, 2]),
    helper.make_node("Relu", ["conv"], ["act"], name="relu"),
    helper.make_node("Reshape", ["act", "tokens_shape"], ["tokens_chw"], name="to_tokens"),
    helper.make_node("Transpose", ["tokens_chw"], ["tokens"], name="tokens_last", perm=[0, 2, 1]),
    helper.make_node("MatMul", ["tokens", "proj_w"], ["hidden"], name="proj"),
    helper.make_node("Transpose", ["hidden"], ["hidden_t"], name="hidden_t", perm=[0, 2, 1]),
    helper.make_node("MatMul", ["hidden", "hidden_t"], ["scores"], name="scores"),
    helper.make_node("Softmax", ["scores"], ["attn"], name="softmax", axis=-1),
    helper.make_node("MatMul", ["attn", "hidden"], ["context"], name="context"),
    helper.make_node("MatMul", ["context", "out_w"], ["image_features"], name="out"),
    helper.make_node("Flatten", ["act"], ["flat"], name="flatten", axis=1),
    helper.make_node("Gemm", ["flat", "pool_w", "pool_b"], ["pooled"], name="pool", transB=1),
]
graph = helper.make_graph(
    nodes, "tiny_encoder",
    [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, 8, 8])],
    [helper.make_tensor_value_info("image_features", TensorProto.FLOAT, ["batch", 16, 5]),
     helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", 5])],
    [init("conv_w", 4, 3, 3, 3), init("conv_b", 4), numpy_helper.from_array(np.array([0, 4, 16], np.int64), "tokens_shape"),
     init("proj_w", 4, 6), init("out_w", 6, 5), init("pool_w", 5, 64), init("pool_b", 5)],
    doc_string="INT8 test model")
graph.value_info.append(helper.make_tensor_value_info("conv", TensorProto.FLOAT, ["batch", 4, 4, 4]))
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_tiny_encoder.py")
model.ir_version = 8
helper.set_model_props(model, {"purpose": "sightline int8 tests"})
onnx.checker.check_model(model)
onnx.save(model, "tiny_encoder.onnx")
