package io.sightline.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.onnx.ir.OnnxIr.AttributeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.GraphProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.OperatorSetIdProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorShapeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TypeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerNormDecompositionTest {
    private static final int ROWS = 6;
    private static final int WIDTH = 10;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {17, 18})
    void decomposedGraphComputesLayerNormalizationAsDefined(int opset) throws IOException {
        float eps = 1e-3f;
        float[] scale = values(WIDTH, 11);
        float[] bias = values(WIDTH, 12);
        ModelProto model = model(opset, layerNorm("ln", "x", "y", -1, eps, true), scale, bias);
        LayerNormDecomposition.Result r = LayerNormDecomposition.apply(model).orElseThrow();
        assertThat(r.rewritten()).isEqualTo(1);
        assertThat(r.model().getGraph().getNodeList()).extracting(NodeProto::getOpType)
            .doesNotContain("LayerNormalization")
            .containsExactly("ReduceMean", "Sub", "Mul", "ReduceMean", "Add", "Sqrt", "Reciprocal", "Mul", "Mul", "Add");

        float[] x = values(ROWS * WIDTH, 13);
        float[] reference = reference(x, scale, bias, eps);
        Path file = write(model);
        float[] rewritten = run(file, true, x);
        float[] nativeOp = run(file, false, x);
        assertThat(rewritten).containsExactly(reference, within(2e-5f));
        assertThat(rewritten).containsExactly(nativeOp, within(2e-5f));
    }

    @Test
    void withoutBiasTheScaleIsTheLastOp() throws IOException {
        float[] scale = values(WIDTH, 21);
        ModelProto model = model(17, layerNorm("ln", "x", "y", -1, 1e-5f, false), scale, null);
        ModelProto rewritten = LayerNormDecomposition.apply(model).orElseThrow().model();
        NodeProto last = rewritten.getGraph().getNode(rewritten.getGraph().getNodeCount() - 1);
        assertThat(last.getOpType()).isEqualTo("Mul");
        assertThat(last.getOutput(0)).isEqualTo("y");
        float[] x = values(ROWS * WIDTH, 22);
        assertThat(run(write(model), true, x)).containsExactly(reference(x, scale, new float[WIDTH], 1e-5f), within(2e-5f));
    }

    @Test
    void leavesOtherAxesAndTrainingOutputsAlone() {
        float[] scale = values(WIDTH, 31);
        assertThat(LayerNormDecomposition.apply(model(17, layerNorm("ln", "x", "y", 1, 1e-5f, false), scale, null))).isEmpty();
        NodeProto withMean = layerNorm("ln", "x", "y", -1, 1e-5f, false).toBuilder().addOutput("mean").build();
        assertThat(LayerNormDecomposition.apply(model(17, withMean, scale, null))).isEmpty();
    }

    @Test
    void leavesModelsWithHalfPrecisionOrExternalTensorsAlone() {
        float[] scale = values(WIDTH, 41);
        ModelProto model = model(17, layerNorm("ln", "x", "y", -1, 1e-5f, false), scale, null);
        ModelProto half = model.toBuilder().setGraph(model.getGraph().toBuilder().addInitializer(TensorProto.newBuilder()
            .setName("h").setDataType(TensorProto.DataType.FLOAT16_VALUE).addDims(1).addInt32Data(0))).build();
        ModelProto external = model.toBuilder().setGraph(model.getGraph().toBuilder().addInitializer(TensorProto.newBuilder()
            .setName("e").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(1)
            .setDataLocation(TensorProto.DataLocation.EXTERNAL))).build();
        assertThat(LayerNormDecomposition.apply(half)).isEmpty();
        assertThat(LayerNormDecomposition.apply(external)).isEmpty();
    }

    @Test
    void newTensorNamesDoNotCollideWithExistingOnes() {
        float[] scale = values(WIDTH, 51);
        ModelProto model = model(17, layerNorm("ln", "x", "y", -1, 1e-5f, false), scale, null);
        // a graph that already uses the names the rewrite would pick first
        ModelProto crowded = model.toBuilder().setGraph(model.getGraph().toBuilder()
            .addInitializer(TensorProto.newBuilder().setName("ln_decomposed_epsilon_0").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1).addFloatData(7f))
            .addInitializer(TensorProto.newBuilder().setName("ln/decomposed/mean").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1).addFloatData(7f))).build();
        GraphProto g = LayerNormDecomposition.apply(crowded).orElseThrow().model().getGraph();
        assertThat(g.getInitializerList()).extracting(TensorProto::getName)
            .contains("ln_decomposed_epsilon_0_1").doesNotHaveDuplicates();
        assertThat(g.getNode(0).getOutput(0)).isEqualTo("ln/decomposed/mean_1");
    }

    @Test
    void backendOpensTheSameFileEitherWay() throws IOException {
        float[] scale = values(WIDTH, 61);
        float[] bias = values(WIDTH, 62);
        Path file = write(model(17, layerNorm("ln", "x", "y", -1, 1e-5f, true), scale, bias));
        byte[] before = Files.readAllBytes(file);
        float[] x = values(ROWS * WIDTH, 63);
        assertThat(run(file, true, x)).containsExactly(run(file, false, x), within(2e-5f));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withDecomposeLayerNorm(false)).id()).contains("native LayerNorm");
    }

    private float[] run(Path file, boolean decompose, float[] x) {
        OnnxRuntimeBackend backend = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(1)
            .withDecomposeLayerNorm(decompose));
        try (InferenceSession s = backend.open(file)) {
            Tensor in = Tensor.allocate(ElementType.FLOAT32, ROWS, WIDTH);
            in.floats().put(0, x);
            return s.run(Map.of("x", in)).get("y").toFloatArray();
        }
    }

    private Path write(ModelProto model) throws IOException {
        Path file = Files.createTempFile(dir, "ln", ".onnx");
        Files.write(file, model.toByteArray());
        return file;
    }

    private static float[] reference(float[] x, float[] scale, float[] bias, float eps) {
        float[] y = new float[x.length];
        for (int r = 0; r < ROWS; r++) {
            double mean = 0;
            for (int c = 0; c < WIDTH; c++) {
                mean += x[r * WIDTH + c];
            }
            mean /= WIDTH;
            double var = 0;
            for (int c = 0; c < WIDTH; c++) {
                double d = x[r * WIDTH + c] - mean;
                var += d * d;
            }
            var /= WIDTH;
            for (int c = 0; c < WIDTH; c++) {
                y[r * WIDTH + c] = (float) ((x[r * WIDTH + c] - mean) / Math.sqrt(var + eps) * scale[c] + bias[c]);
            }
        }
        return y;
    }

    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 2 + 0.5);
        }
        return v;
    }

    private static NodeProto layerNorm(String name, String x, String y, int axis, float eps, boolean withBias) {
        NodeProto.Builder b = NodeProto.newBuilder().setName(name).setOpType("LayerNormalization")
            .addInput(x).addInput("scale").addOutput(y)
            .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(axis))
            .addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT).setF(eps));
        if (withBias) {
            b.addInput("bias");
        }
        return b.build();
    }

    private static ModelProto model(int opset, NodeProto node, float[] scale, float[] bias) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("ln").addNode(node)
            .addInput(value("x")).addOutput(value("y"))
            .addInitializer(floats("scale", scale));
        if (bias != null) {
            g.addInitializer(floats("bias", bias));
        }
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g).build();
    }

    private static TensorProto floats(String name, float[] v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(v.length);
        for (float f : v) {
            t.addFloatData(f);
        }
        return t.build();
    }

    private static ValueInfoProto value(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(ROWS))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(WIDTH))))).build();
    }
}
