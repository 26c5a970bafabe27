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
 *       values clipped to -127..127; biases stay float;</li>
 *   <li>weights of a plan with Conv biases (the QLinearConv form ONNX Runtime's CPU kernels run, not TensorRT): seven
 *       bits, -63..63 ({@link QuantizedWeight#REDUCED_LIMIT});</li>
 *   <li>with the plan's Conv outputs and biases ({@link QuantizationScope#FUSED}): the output gets QuantizeLinear ->
 *       DequantizeLinear right after the Conv and every consumer reads the dequantized copy; the bias becomes an int32
 *       initializer (scale = input scale x weight scale per output channel, zero point 0) -> DequantizeLinear, so ONNX
 *       Runtime's CPU optimiser fuses DQ(x), DQ(w), DQ(b) -> Conv -> Q into QLinearConv.</li>
 * </ul>
 * ORT's CPU graph optimiser fuses DQ(x), DQ(w) -> MatMul into MatMulIntegerToFloat; TensorRT folds the pairs
 * into int8 kernels.
 */
public final class QdqModelBuilder {
    public static final int MIN_OPSET = 13;

    private QdqModelBuilder() {
    }

    /** @param activationAmax clipping range per activation and Conv output of the plan (all of them must be present) */
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
        Map<String, Float> activationScale = new HashMap<>();
        Set<String> outputs = new HashSet<>(plan.outputs());
        List<String> quantizedTensors = new ArrayList<>(plan.activations());
        plan.outputs().stream().filter(o -> !plan.activations().contains(o)).forEach(quantizedTensors::add);
        for (String a : quantizedTensors) {
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
            activationScale.put(a, scale);
        }
        Map<String, float[]> weightScales = new HashMap<>();
        int weightLimit = plan.biases().isEmpty() ? QuantizedWeight.FULL_LIMIT : QuantizedWeight.REDUCED_LIMIT;
        for (WeightQuantization w : plan.weights()) {
            TensorProto t = initializers.get(w.initializer());
            long[] dims = TensorProtos.dims(t);
            QuantizedWeight qw = QuantizedWeight.of(TensorProtos.floats(t), dims, w.axis(), weightLimit);
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
            weightScales.put(w.initializer(), qw.scales());
        }
        Map<String, String> biasOf = new HashMap<>(); // Conv output -> its int32 bias's dequantized copy
        Map<String, NodeProto> biasNodes = new HashMap<>();
        for (QuantizationPlan.BiasQuantization bq : plan.biases()) {
            TensorProto t = initializers.get(bq.bias());
            float[] b = TensorProtos.floats(t);
            float[] ws = weightScales.get(bq.weight());
            Float xs = activationScale.get(bq.input());
            if (ws == null || xs == null) {
                throw new Int8CalibrationException("bias '" + bq.bias() + "' of Conv '" + bq.conv() + "' needs its input and weight quantized");
            }
            float[] scales = new float[b.length];
            int[] values = new int[b.length];
            for (int c = 0; c < b.length; c++) {
                scales[c] = xs * ws[ws.length == 1 ? 0 : c];
                values[c] = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, Math.rint(b[c] / scales[c])));
            }
            String base = unique(bq.bias() + "_" + bq.conv() + "_", names);
            newInitializers.add(TensorProtos.int32Tensor(base + "int8", values, b.length));
            newInitializers.add(TensorProtos.floatTensor(base + "scale", scales, b.length));
            newInitializers.add(TensorProtos.int32Tensor(base + "zero_point", new int[b.length], b.length));
            biasNodes.put(bq.conv(), node(base + "DequantizeLinear", "DequantizeLinear",
                List.of(base + "int8", base + "scale", base + "zero_point"), base + "dequantized", 0));
            biasOf.put(bq.conv(), base + "dequantized");
        }

        List<NodeProto> nodes = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            NodeProto.Builder b = n.toBuilder();
            // a quantized Conv output is read dequantized by every consumer; other activations by MatMul/Gemm/Conv only
            int rewired = QuantizationPlan.isQuantizable(n) ? Math.min(2, n.getInputCount()) : n.getInputCount();
            for (int i = 0; i < rewired; i++) {
                String in = n.getInput(i);
                String dq = dequantized.get(in);
                if (dq != null && (outputs.contains(in) || QuantizationPlan.isQuantizable(n))) {
                    if (emitted.add(in)) {
                        nodes.addAll(insertions.get(in));
                    }
                    b.setInput(i, dq);
                }
            }
            if (n.getOpType().equals("Conv") && n.getOutputCount() > 0 && biasOf.containsKey(n.getOutput(0))) {
                nodes.add(biasNodes.get(n.getOutput(0)));
                b.setInput(2, biasOf.get(n.getOutput(0)));
            }
            nodes.add(b.build());
            for (String out : n.getOutputList()) {
                if (outputs.contains(out) && emitted.add(out)) {
                    nodes.addAll(insertions.get(out));
                }
            }
        }

        // float weights and biases nobody reads any more are dropped (they were replaced by their int8 / int32 copies)
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.addAll(n.getInputList()));
        graph.getOutputList().forEach(o -> used.add(o.getName()));
        GraphProto.Builder g = graph.toBuilder().clearNode().addAllNode(nodes).clearInitializer();
        Set<String> dropped = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            boolean replaced = dequantized.containsKey(t.getName()) || plan.biases().stream().anyMatch(bq -> bq.bias().equals(t.getName()));
            if (replaced && !used.contains(t.getName())) {
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
