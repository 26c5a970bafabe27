package io.sightline.runtime.onnx;

import io.sightline.runtime.onnx.ir.OnnxIr.AttributeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.GraphProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.OperatorSetIdProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites ONNX {@code LayerNormalization} (opset 17, last axis) into the primitive ops it is defined by, for ONNX
 * Runtime's CPU provider only.
 *
 * <p>Why: ONNX Runtime 1.29's CPU LayerNormalization kernel takes ~94 us on a [1, 192, 128] tensor on our 2-core
 * machine, while the same arithmetic as nine element-wise/reduce ops takes ~20 us (ten chained LNs: 937 vs 198 us,
 * measured in one run). In the encoder the ten LNs were a quarter of the frame time, FP32 and INT8 alike. The
 * rewrite is mathematically the operator's definition (mean and variance over the last axis, then scale and bias), so
 * outputs agree to float rounding.
 *
 * <p>The form avoids the pattern ONNX Runtime's LayerNormFusion turns back into the slow kernel
 * ({@code ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add}): it squares with {@code Mul} and divides by
 * multiplying with a {@code Reciprocal}. TensorRT keeps the native op (the pack file itself is never changed).
 *
 * <p>Left alone (the node stays native): an axis other than -1 (the rank would be needed), nodes that also output
 * the training-only Mean/InvStdDev, and whole models that hold FLOAT16 tensors (the primitives would compute in
 * half precision where the kernel stashes float) or keep tensors in external data files (a model loaded from bytes
 * loses the folder those paths are relative to).
 */
public final class LayerNormDecomposition {
    private static final String OP = "LayerNormalization";
    private static final String DEFAULT_DOMAIN = "";

    /** What a rewrite did: the new model and how many nodes it replaced. */
    public record Result(ModelProto model, int rewritten) {
    }

    private LayerNormDecomposition() {
    }

    /** The rewritten model, or empty when it has nothing this rewrite may change. */
    public static Optional<Result> apply(ModelProto model) {
        GraphProto graph = model.getGraph();
        if (!graph.getNodeList().stream().anyMatch(LayerNormDecomposition::eligible) || hasHalfOrExternalTensors(graph)) {
            return Optional.empty();
        }
        long opset = defaultOpset(model);
        Set<String> names = usedNames(graph);
        GraphProto.Builder out = graph.toBuilder().clearNode();
        Map<Float, String> epsilons = new LinkedHashMap<>();
        String axesName = null;
        int rewritten = 0;
        for (NodeProto node : graph.getNodeList()) {
            if (!eligible(node)) {
                out.addNode(node);
                continue;
            }
            float eps = floatAttribute(node, "epsilon", 1e-5f);
            String epsName = epsilons.computeIfAbsent(eps, e -> unique(names, "ln_decomposed_epsilon_" + epsilons.size()));
            if (opset >= 18 && axesName == null) {
                axesName = unique(names, "ln_decomposed_axes");
            }
            decompose(node, epsName, axesName, names, out);
            rewritten++;
        }
        epsilons.forEach((value, name) -> out.addInitializer(TensorProto.newBuilder().setName(name)
            .setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(value)));
        if (axesName != null) {
            out.addInitializer(TensorProto.newBuilder().setName(axesName).addDims(1)
                .setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(-1));
        }
        return Optional.of(new Result(model.toBuilder().setGraph(out).build(), rewritten));
    }

    /**
     * The same rewrite on a serialized model: the rewritten bytes, or {@code onnx} itself when nothing applies or
     * it does not parse as ONNX (ONNX Runtime's loader then reports the real problem).
     */
    public static byte[] apply(byte[] onnx) {
        try {
            return apply(ModelProto.parseFrom(onnx)).map(r -> r.model().toByteArray()).orElse(onnx);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return onnx;
        }
    }

    static boolean eligible(NodeProto node) {
        if (!node.getOpType().equals(OP) || !isDefaultDomain(node.getDomain()) || node.getInputCount() < 2) {
            return false;
        }
        for (int i = 1; i < node.getOutputCount(); i++) {
            if (!node.getOutput(i).isEmpty()) {
                return false;
            }
        }
        return intAttribute(node, "axis", -1) == -1 && intAttribute(node, "stash_type", 1) == 1;
    }

    private static void decompose(NodeProto ln, String epsName, String axesName, Set<String> names, GraphProto.Builder out) {
        String x = ln.getInput(0);
        String scale = ln.getInput(1);
        String bias = ln.getInputCount() > 2 && !ln.getInput(2).isEmpty() ? ln.getInput(2) : null;
        String y = ln.getOutput(0);
        String base = (ln.getName().isEmpty() ? y : ln.getName()) + "/decomposed/";
        String mean = unique(names, base + "mean");
        String centred = unique(names, base + "centred");
        String squared = unique(names, base + "squared");
        String variance = unique(names, base + "variance");
        String shifted = unique(names, base + "variance_eps");
        String std = unique(names, base + "std");
        String inv = unique(names, base + "inv_std");
        String normalised = unique(names, base + "normalised");
        String scaled = bias == null ? y : unique(names, base + "scaled");
        out.addNode(reduceMean(base + "ReduceMean", x, mean, axesName));
        out.addNode(node(base + "Sub", "Sub", List.of(x, mean), centred));
        out.addNode(node(base + "Square", "Mul", List.of(centred, centred), squared));
        out.addNode(reduceMean(base + "ReduceMeanSquare", squared, variance, axesName));
        out.addNode(node(base + "AddEpsilon", "Add", List.of(variance, epsName), shifted));
        out.addNode(node(base + "Sqrt", "Sqrt", List.of(shifted), std));
        out.addNode(node(base + "Reciprocal", "Reciprocal", List.of(std), inv));
        out.addNode(node(base + "Normalise", "Mul", List.of(centred, inv), normalised));
        out.addNode(node(base + "Scale", "Mul", List.of(normalised, scale), scaled));
        if (bias != null) {
            out.addNode(node(base + "Bias", "Add", List.of(scaled, bias), y));
        }
    }

    private static NodeProto reduceMean(String name, String input, String output, String axesInput) {
        NodeProto.Builder b = NodeProto.newBuilder().setName(name).setOpType("ReduceMean").addInput(input).addOutput(output)
            .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(1));
        if (axesInput != null) {
            b.addInput(axesInput); // opset 18+: axes is an input
        } else {
            b.addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(-1));
        }
        return b.build();
    }

    private static NodeProto node(String name, String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output).build();
    }

    private static boolean hasHalfOrExternalTensors(GraphProto graph) {
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT16_VALUE || t.getDataType() == 16 /* BFLOAT16 */
                || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                return true;
            }
        }
        return false;
    }

    private static long defaultOpset(ModelProto model) {
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (isDefaultDomain(id.getDomain())) {
                return id.getVersion();
            }
        }
        return 1;
    }

    private static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    private static Set<String> usedNames(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getInputList().forEach(v -> names.add(v.getName()));
        for (NodeProto n : graph.getNodeList()) {
            names.addAll(n.getInputList());
            names.addAll(n.getOutputList());
            names.add(n.getName());
        }
        return names;
    }

    private static String unique(Set<String> names, String wanted) {
        String name = wanted;
        for (int k = 1; names.contains(name); k++) {
            name = wanted + "_" + k;
        }
        names.add(name);
        return name;
    }

    private static long intAttribute(NodeProto node, String name, long fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    private static float floatAttribute(NodeProto node, String name, float fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }
}
