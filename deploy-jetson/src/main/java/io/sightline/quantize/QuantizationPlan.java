package io.sightline.quantize;

import io.sightline.runtime.onnx.ir.OnnxIr.AttributeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.GraphProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tensors get QuantizeLinear/DequantizeLinear: the data inputs (not biases) of the MatMul, Gemm and Conv
 * nodes the {@link QuantizationScope} takes in.
 * Inputs that are float initializers are weights (per-channel); all others are activations (per-tensor,
 * calibrated on frames).
 *
 * <p>With {@link QuantizationScope#convOutputs()} each quantized Conv also gets its bias (int32) and its output
 * (per-tensor, calibrated; not where the output is a graph output) quantized.
 *
 * @param activations activation tensor names, in graph order
 * @param weights     weight initializers, in graph order
 * @param outputs     Conv outputs to quantize (every consumer reads the dequantized copy), in graph order
 * @param biases      Conv biases to quantize to int32, in graph order
 */
public record QuantizationPlan(List<String> activations, List<WeightQuantization> weights, List<String> outputs,
                               List<BiasQuantization> biases) {
    /**
     * A Conv bias quantized to int32 with scale {@code scale(input) * scale(weight)[c]}.
     *
     * @param conv   the Conv's output name (identifies the node)
     * @param bias   the bias initializer
     * @param input  the Conv's activation input
     * @param weight the Conv's weight initializer
     */
    public record BiasQuantization(String conv, String bias, String input, String weight) {
    }

    public static final Set<String> QUANTIZABLE_OPS = Set.of("MatMul", "Gemm", "Conv");

    public QuantizationPlan {
        activations = List.copyOf(activations);
        weights = List.copyOf(weights);
        outputs = List.copyOf(outputs);
        biases = List.copyOf(biases);
    }


    /** Every activation and weight input of every MatMul, Gemm and Conv. */
    public static QuantizationPlan of(ModelProto model) {
        return of(model, QuantizationScope.ALL);
    }

    public static QuantizationPlan of(ModelProto model, QuantizationScope scope) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new LinkedHashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Set<String> activations = new LinkedHashSet<>();
        Map<String, WeightQuantization> weights = new LinkedHashMap<>();
        Set<String> graphOutputs = new LinkedHashSet<>();
        graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        List<String> outputs = new ArrayList<>();
        List<BiasQuantization> biases = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!isQuantizable(node)) {
                continue;
            }
            boolean activationProduct = node.getInputCount() >= 2 && !initializers.containsKey(node.getInput(0))
                && !initializers.containsKey(node.getInput(1));
            if (activationProduct && !scope.activationProducts()) {
                continue;
            }
            if (node.getOpType().equals("Conv") && !scope.convs()) {
                continue;
            }
            if (scope.excludes(node.getName())) {
                continue;
            }
            for (int i = 0; i < Math.min(2, node.getInputCount()); i++) {
                String input = node.getInput(i);
                TensorProto init = initializers.get(input);
                if (init == null) {
                    activations.add(input);
                } else if (init.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                    WeightQuantization w = new WeightQuantization(input, weightAxis(node, i, init));
                    WeightQuantization previous = weights.putIfAbsent(input, w);
                    if (previous != null && previous.axis() != w.axis()) {
                        // shared by ops that want different channel axes: per-tensor keeps both correct
                        weights.put(input, new WeightQuantization(input, -1));
                    }
                }
            }
            if (scope.convOutputs() && node.getOpType().equals("Conv") && !initializers.containsKey(node.getInput(0))
                && initializers.containsKey(node.getInput(1))) {
                if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
                    TensorProto bias = initializers.get(node.getInput(2));
                    if (bias == null || bias.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                        continue; // a computed bias: no int32 form, so no fusion for this Conv; its output stays float
                    }
                    biases.add(new BiasQuantization(node.getOutput(0), node.getInput(2), node.getInput(0), node.getInput(1)));
                }
                if (!graphOutputs.contains(node.getOutput(0))) {
                    outputs.add(node.getOutput(0));
                }
            }
        }
        return new QuantizationPlan(new ArrayList<>(activations), new ArrayList<>(weights.values()), outputs, biases);
    }

    static boolean isQuantizable(NodeProto node) {
        return (node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx")) && QUANTIZABLE_OPS.contains(node.getOpType());
    }

    /** The output-channel axis of a weight, or -1 (per-tensor) where the op has none for this input. */
    static int weightAxis(NodeProto node, int inputIndex, TensorProto weight) {
        int rank = weight.getDimsCount();
        return switch (node.getOpType()) {
            case "Conv" -> inputIndex == 1 ? 0 : -1;
            case "MatMul" -> inputIndex == 1 && rank >= 2 ? rank - 1 : -1;
            case "Gemm" -> inputIndex == 1 && rank == 2 ? (intAttribute(node, "transB") == 1 ? 0 : 1) : -1;
            default -> -1;
        };
    }

    private static long intAttribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return 0;
    }
}
