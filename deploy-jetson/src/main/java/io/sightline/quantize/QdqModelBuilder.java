package io.sightline.quantize;

import io.sightline.runtime.onnx.ir.OnnxIr.AttributeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.GraphProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.OperatorSetIdProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the QDQ form of a model (ONNX "operator-oriented" quantization as ORT's quantizer emits it and
 * TensorRT's explicit quantization reads it):
 * <ul>
 *   <li>activations: QuantizeLinear -> DequantizeLinear, per-tensor symmetric int8, scale = amax / 127,
 *       zero point 0, inserted in front of the MatMul/Gemm/Conv inputs only (other consumers keep float);</li>
 *   <li>weights: int8 initializer -> DequantizeLinear with per-channel scales (axis attribute, opset >= 13),
 *       values clipped to -127..127; biases stay float.</li>
 * </ul>
 * ORT's CPU graph optimiser fuses DQ(x), DQ(w) -> MatMul into MatMulIntegerToFloat; TensorRT folds the pairs
 * into int8 kernels.
 */
public final class QdqModelBuilder {
    public static final int MIN_OPSET = 13;

    private QdqModelBuilder() {
    }

    /** @param activationAmax clipping range per activation of the plan (all of them must be present) */
    public static ModelProto build(ModelProto model, QuantizationPlan plan, Map<String, Double> activationAmax) {
        checkOpset(model);
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Set<String> names = new HashSet<>(initializers.keySet());
        graph.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        graph.getInputList().forEach(i -> names.add(i.getName()));

        List<TensorProto> newInitializers = new ArrayList<>();
        Map<String, List<NodeProto>> insertions = new HashMap<>(); // tensor -> nodes producing its dequantized copy
        Map<String, String> dequantized = new HashMap<>();
        for (String a : plan.activations()) {
            Double amax = activationAmax.get(a);
            if (amax == null) {
                throw new Int8CalibrationException("no calibrated range for activation '" + a + "'");
            }
            float scale = amax > 0 ? (float) (amax / 127.0) : 1f / 127f;
            String base = unique(a + "_", names);
            String scaleName = base + "scale";
            String zpName = base + "zero_point";
            String q = base + "quantized";
            String dq = base + "dequantized";
            newInitializers.add(TensorProtos.floatTensor(scaleName, new float[] {scale}));
            newInitializers.add(TensorProtos.int8Tensor(zpName, new byte[1]));
            insertions.put(a, List.of(
                node(base + "QuantizeLinear", "QuantizeLinear", List.of(a, scaleName, zpName), q, -1),
                node(base + "DequantizeLinear", "DequantizeLinear", List.of(q, scaleName, zpName), dq, -1)));
            dequantized.put(a, dq);
        }
        for (WeightQuantization w : plan.weights()) {
            TensorProto t = initializers.get(w.initializer());
            long[] dims = TensorProtos.dims(t);
            QuantizedWeight qw = QuantizedWeight.of(TensorProtos.floats(t), dims, w.axis());
            String base = unique(w.initializer() + "_", names);
            String values = base + "int8";
            String scaleName = base + "scale";
            String zpName = base + "zero_point";
            String dq = base + "dequantized";
            long[] channelDims = w.axis() < 0 ? new long[0] : new long[] {qw.scales().length};
            newInitializers.add(TensorProtos.int8Tensor(values, qw.values(), dims));
            newInitializers.add(TensorProtos.floatTensor(scaleName, qw.scales(), channelDims));
            newInitializers.add(TensorProtos.int8Tensor(zpName, new byte[qw.scales().length], channelDims));
            insertions.put(w.initializer(), List.of(
                node(base + "DequantizeLinear", "DequantizeLinear", List.of(values, scaleName, zpName), dq, w.axis())));
            dequantized.put(w.initializer(), dq);
        }

        List<NodeProto> nodes = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            if (!QuantizationPlan.isQuantizable(n)) {
                nodes.add(n);
                continue;
            }
            NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < Math.min(2, n.getInputCount()); i++) {
                String in = n.getInput(i);
                String dq = dequantized.get(in);
                if (dq != null) {
                    if (emitted.add(in)) {
                        nodes.addAll(insertions.get(in));
                    }
                    b.setInput(i, dq);
                }
            }
            nodes.add(b.build());
        }

        // float weights nobody reads any more are dropped (they were replaced by their int8 copies)
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.addAll(n.getInputList()));
        graph.getOutputList().forEach(o -> used.add(o.getName()));
        GraphProto.Builder g = graph.toBuilder().clearNode().addAllNode(nodes).clearInitializer();
        Set<String> dropped = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            if (dequantized.containsKey(t.getName()) && !used.contains(t.getName())) {
                dropped.add(t.getName());
            } else {
                g.addInitializer(t);
            }
        }
        g.addAllInitializer(newInitializers);
        if (!dropped.isEmpty()) {
            g.clearInput();
            graph.getInputList().stream().filter(i -> !dropped.contains(i.getName())).forEach(g::addInput);
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static void checkOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if ((o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) && o.getVersion() < MIN_OPSET) {
                throw new Int8CalibrationException("model opset " + o.getVersion() + " is below " + MIN_OPSET
                    + ", the first with per-channel DequantizeLinear (axis); re-export with opset >= " + MIN_OPSET);
            }
        }
    }

    private static NodeProto node(String name, String op, List<String> inputs, String output, int axis) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output);
        if (axis >= 0) {
            n.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(axis));
        }
        return n.build();
    }

    /** A prefix whose derived names do not collide with tensors already in the graph. */
    private static String unique(String prefix, Set<String> names) {
        String p = prefix;
        int k = 1;
        while (names.contains(p + "quantized") || names.contains(p + "dequantized") || names.contains(p + "scale")
            || names.contains(p + "int8") || names.contains(p + "zero_point")) {
            p = prefix + k++ + "_";
        }
        names.add(p + "quantized");
        names.add(p + "dequantized");
        names.add(p + "scale");
        names.add(p + "int8");
        names.add(p + "zero_point");
        return p;
    }
}
