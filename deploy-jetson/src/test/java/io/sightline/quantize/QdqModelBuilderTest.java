package io.sightline.quantize;

import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QdqModelBuilderTest {
    private static final int FRAMES = 12;

    @Test
    void planFindsActivationsAndWeightsWithTheirChannelAxes() {
        QuantizationPlan plan = QuantizationPlan.of(TinyEncoder.model());
        assertThat(plan.activations()).containsExactly("pixel_values", "tokens", "hidden", "hidden_t", "attn", "context", "flat");
        assertThat(plan.weights()).containsExactly(new WeightQuantization("conv_w", 0), new WeightQuantization("proj_w", 1),
            new WeightQuantization("out_w", 1), new WeightQuantization("pool_w", 0));
    }

    @Test
    void matmulScopeLeavesConvAndActivationProductsInFloat() {
        QuantizationPlan plan = QuantizationPlan.of(TinyEncoder.model(), QuantizationScope.MATMUL);
        assertThat(plan.activations()).containsExactly("tokens", "context", "flat");
        assertThat(plan.weights()).extracting(WeightQuantization::initializer).containsExactly("proj_w", "out_w", "pool_w");
    }

    @Test
    void excludedNodesStayInFloat() {
        ModelProto model = TinyEncoder.model();
        NodeProto out = model.getGraph().getNodeList().stream().filter(n -> n.getInputList().contains("out_w")).findFirst().orElseThrow();
        assertThat(out.getName()).isNotBlank();
        QuantizationScope scope = QuantizationScope.MATMUL.excluding(List.of(out.getName()));
        QuantizationPlan plan = QuantizationPlan.of(model, scope);
        assertThat(plan.weights()).extracting(WeightQuantization::initializer).containsExactly("proj_w", "pool_w");
        assertThat(scope.id()).isEqualTo("matmul excluding " + out.getName());
        assertThat(QuantizationScope.MATMUL.id()).isEqualTo("matmul");
        assertThatThrownBy(() -> QuantizationScope.ALL.excluding(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void qdqModelRunsInOnnxRuntimeCloseToFp32() {
        ModelProto fp32 = TinyEncoder.model();
        QuantizationPlan plan = QuantizationPlan.of(fp32);
        Map<String, TensorHistogram> hist = ActivationStatistics.collect(fp32, plan.activations(), FRAMES,
            TinyEncoder::frame, TinyEncoder.SHAPE, 1, 2048);
        Map<String, Double> amax = new LinkedHashMap<>();
        hist.forEach((k, h) -> amax.put(k, RangeMethod.MINMAX.amax(h, 100)));
        ModelProto int8 = QdqModelBuilder.build(fp32, plan, amax);

        List<NodeProto> nodes = int8.getGraph().getNodeList();
        assertThat(nodes.stream().filter(n -> n.getOpType().equals("QuantizeLinear"))).hasSize(7);
        assertThat(nodes.stream().filter(n -> n.getOpType().equals("DequantizeLinear"))).hasSize(11);
        assertThat(int8.getGraph().getInitializerList()).extracting(TensorProto::getName).doesNotContain("conv_w", "proj_w")
            .contains("conv_w_int8", "conv_b");
        TensorProto convW = int8.getGraph().getInitializerList().stream().filter(t -> t.getName().equals("conv_w_int8")).findFirst().orElseThrow();
        assertThat(convW.getDataType()).isEqualTo(TensorProto.DataType.INT8_VALUE);
        NodeProto convDq = nodes.stream().filter(n -> n.getName().equals("conv_w_DequantizeLinear")).findFirst().orElseThrow();
        assertThat(convDq.getAttribute(0).getI()).isZero();
        NodeProto poolDq = nodes.stream().filter(n -> n.getName().equals("pool_w_DequantizeLinear")).findFirst().orElseThrow();
        assertThat(poolDq.getAttribute(0).getI()).isZero(); // Gemm transB=1: B is [N, K]
        // the Relu still reads the float conv output; only the quantizable consumers read dequantized copies
        assertThat(nodes.stream().filter(n -> n.getOpType().equals("Conv")).findFirst().orElseThrow().getInput(0))
            .isEqualTo("pixel_values_dequantized");

        try (EncoderSession a = new EncoderSession(fp32.toByteArray(), 1, "fp32");
             EncoderSession b = new EncoderSession(int8.toByteArray(), 1, "int8")) {
            for (int f = 0; f < 5; f++) { // calibration frames: minmax never clips them, so only rounding differs
                float[] x = TinyEncoder.frame(f);
                Map<String, float[]> ya = a.run(x, TinyEncoder.SHAPE, Set.of("image_features", "pooled"));
                Map<String, float[]> yb = b.run(x, TinyEncoder.SHAPE, Set.of("image_features", "pooled"));
                assertThat(EncoderComparison.cosine(ya.get("pooled"), yb.get("pooled"))).isGreaterThan(0.98);
                assertThat(EncoderComparison.cosine(ya.get("image_features"), yb.get("image_features"))).isGreaterThan(0.98);
                assertThat(yb.get("pooled")).isNotEqualTo(ya.get("pooled")); // it really is quantized
            }
        }
    }

    @Test
    void fusedScopeQuantizesConvBiasToInt32AndItsOutputForQLinearConv() {
        ModelProto fp32 = TinyEncoder.model();
        QuantizationPlan plan = QuantizationPlan.of(fp32, QuantizationScope.FUSED);
        assertThat(plan.outputs()).containsExactly("conv");
        assertThat(plan.biases()).containsExactly(new QuantizationPlan.BiasQuantization("conv", "conv_b", "pixel_values", "conv_w"));
        assertThat(QuantizationPlan.of(fp32, QuantizationScope.WEIGHTED).outputs()).isEmpty();
        List<String> calibrated = new java.util.ArrayList<>(plan.activations());
        calibrated.addAll(plan.outputs());
        Map<String, Double> amax = new LinkedHashMap<>();
        ActivationStatistics.collect(fp32, calibrated, FRAMES, TinyEncoder::frame, TinyEncoder.SHAPE, 1, 2048)
            .forEach((k, h) -> amax.put(k, RangeMethod.MINMAX.amax(h, 100)));
        ModelProto int8 = QdqModelBuilder.build(fp32, plan, amax);

        List<NodeProto> nodes = int8.getGraph().getNodeList();
        Map<String, NodeProto> producer = new java.util.HashMap<>();
        nodes.forEach(n -> n.getOutputList().forEach(o -> producer.put(o, n)));
        NodeProto conv = nodes.stream().filter(n -> n.getOpType().equals("Conv")).findFirst().orElseThrow();
        // ONNX Runtime's QDQ Conv fusion: every input from a DequantizeLinear, the output read by QuantizeLinear only
        assertThat(conv.getInputList()).allSatisfy(in -> assertThat(producer.get(in).getOpType()).isEqualTo("DequantizeLinear"));
        assertThat(nodes.stream().filter(n -> n.getInputList().contains("conv")).map(NodeProto::getOpType)).containsExactly("QuantizeLinear");
        NodeProto relu = nodes.stream().filter(n -> n.getOpType().equals("Relu")).findFirst().orElseThrow();
        assertThat(producer.get(relu.getInput(0)).getOpType()).isEqualTo("DequantizeLinear");
        TensorProto bias = int8.getGraph().getInitializerList().stream()
            .filter(t -> t.getName().equals(producer.get(conv.getInput(2)).getInput(0))).findFirst().orElseThrow();
        assertThat(bias.getDataType()).isEqualTo(TensorProto.DataType.INT32_VALUE);
        assertThat(int8.getGraph().getInitializerList()).extracting(TensorProto::getName).doesNotContain("conv_b");
        TensorProto weight = int8.getGraph().getInitializerList().stream()
            .filter(t -> t.getName().equals(producer.get(conv.getInput(1)).getInput(0))).findFirst().orElseThrow();
        byte[] w = weight.getRawData().toByteArray();
        assertThat(w).isNotEmpty();
        for (byte v : w) {
            assertThat((int) v).isBetween(-QuantizedWeight.REDUCED_LIMIT, QuantizedWeight.REDUCED_LIMIT); // no VPMADDUBSW saturation
        }

        try (EncoderSession a = new EncoderSession(fp32.toByteArray(), 1, "fp32");
             EncoderSession b = new EncoderSession(int8.toByteArray(), 1, "int8")) {
            for (int f = 0; f < 5; f++) {
                float[] x = TinyEncoder.frame(f);
                float[] ya = a.run(x, TinyEncoder.SHAPE, Set.of("image_features")).get("image_features");
                float[] yb = b.run(x, TinyEncoder.SHAPE, Set.of("image_features")).get("image_features");
                assertThat(EncoderComparison.cosine(ya, yb)).isGreaterThan(0.98);
            }
        }
        assertThat(QuantizationScope.parse("fused")).isEqualTo(QuantizationScope.FUSED);
        assertThat(QuantizationScope.FUSED.id()).isEqualTo("fused");
    }

    @Test
    void missingRangeAndOldOpsetAreNamed() {
        ModelProto fp32 = TinyEncoder.model();
        QuantizationPlan plan = QuantizationPlan.of(fp32);
        assertThatThrownBy(() -> QdqModelBuilder.build(fp32, plan, Map.of())).hasMessageContaining("pixel_values");
        ModelProto old = fp32.toBuilder().setOpsetImport(0, fp32.getOpsetImport(0).toBuilder().setVersion(11)).build();
        assertThatThrownBy(() -> QdqModelBuilder.build(old, plan, Map.of())).hasMessageContaining("opset 11");
    }

    @Test
    void cosineOfKnownVectors() {
        assertThat(EncoderComparison.cosine(new float[] {1, 0}, new float[] {0, 2})).isZero();
        assertThat(EncoderComparison.cosine(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(EncoderComparison.cosine(new float[] {0, 0}, new float[] {0, 0})).isEqualTo(1.0);
    }
}
