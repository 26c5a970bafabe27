package io.sightline.runtime.onnx;

import static io.sightline.runtime.TestGraphs.expected;
import static io.sightline.runtime.TestGraphs.fill;
import static io.sightline.runtime.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.GraphLoadException;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.InputMismatchException;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeSessionTest {
    private final OnnxRuntimeBackend backend = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(1));
    private InferenceSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void reportsInputsAndOutputsWithSymbolicDimensions() {
        session = backend.open(graph("decoder_step.onnx"));
        assertThat(session.inputs()).extracting(TensorSpec::toString)
            .containsExactly("input_ids:int64[batch, 1]", "past_key:float32[batch, past_len, 32]", "past_value:float32[batch, past_len, 32]");
        assertThat(session.outputs()).extracting(TensorSpec::name).containsExactly("logits", "present_key", "present_value");
        assertThat(session.outputs().get(1).dimNames()).containsExactly("batch", "total_len", "");
    }

    @Test
    void fp32GraphMatchesNumpy() {
        session = backend.open(graph("mlp_fp32.onnx"));
        Tensor x = Tensor.allocate(ElementType.FLOAT32, 3, 16);
        fill(x, 1f);
        Tensor y = session.run(Map.of("x", x)).get("y");
        assertThat(y.shape()).containsExactly(3, 32);
        assertThat(y.toFloatArray()).containsExactly(expected("mlp_fp32", "y"), within(1e-5f));
    }

    @Test
    void int8QdqGraphMatchesItsFakeQuantReferenceAndStaysNearFp32() {
        Tensor x = Tensor.allocate(ElementType.FLOAT32, 3, 16);
        fill(x, 1f);
        session = backend.open(graph("mlp_int8_qdq.onnx"));
        float[] int8 = session.run(Map.of("x", x)).get("y").toFloatArray();
        float[] fp32 = expected("mlp_fp32", "y");
        assertThat(int8).containsExactly(expected("mlp_int8_qdq", "y"), within(1e-4f));
        float worst = 0;
        for (int i = 0; i < fp32.length; i++) {
            worst = Math.max(worst, Math.abs(int8[i] - fp32[i]));
        }
        assertThat(worst).isGreaterThan(0f).isLessThan(0.05f);
    }

    @Test
    void decoderStepGrowsThePastByOne() {
        session = backend.open(graph("decoder_step.onnx"));
        Map<String, Tensor> out = session.run(stepInputs());
        assertThat(out.get("present_key").shape()).containsExactly(2, 6, 32);
        assertThat(out.get("logits").toFloatArray()).containsExactly(expected("decoder_step", "logits"), within(1e-4f));
        assertThat(out.get("present_key").toFloatArray()).containsExactly(expected("decoder_step", "present_key"), within(1e-5f));
    }

    @Test
    void fixedDimensionsGiveStaticShapesTheSameResultsAndRefuseOtherSizes() {
        session = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(1)
            .withFixedDimensions(Map.of("batch", 2L, "past_len", 5L))).open(graph("decoder_step.onnx"));
        assertThat(session.inputs()).extracting(TensorSpec::toString)
            .containsExactly("input_ids:int64[2, 1]", "past_key:float32[2, 5, 32]", "past_value:float32[2, 5, 32]");
        Map<String, Tensor> out = session.run(stepInputs());
        assertThat(out.get("logits").toFloatArray()).containsExactly(expected("decoder_step", "logits"), within(1e-4f));
        Tensor longer = Tensor.allocate(ElementType.FLOAT32, 2, 6, 32);
        assertThatThrownBy(() -> session.run(Map.of("input_ids", Tensor.of(new long[] {3, 7}, 2, 1), "past_key", longer,
            "past_value", longer)))
            .isInstanceOf(InputMismatchException.class).hasMessageContaining("past_key");
    }

    @Test
    void fixedDimensionsNeedANameAndAPositiveSize() {
        assertThatThrownBy(() -> OnnxRuntimeOptions.defaults().withFixedDimensions(Map.of("batch", 0L)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch");
        assertThatThrownBy(() -> OnnxRuntimeOptions.defaults().withFixedDimensions(Map.of(" ", 1L)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** The fixture's step: ids 3 and 7 (batch 2) after a past of 5 positions, keys all 1, values all -1. */
    private static Map<String, Tensor> stepInputs() {
        Tensor pastKey = Tensor.allocate(ElementType.FLOAT32, 2, 5, 32);
        Tensor pastValue = Tensor.allocate(ElementType.FLOAT32, 2, 5, 32);
        fill(pastKey, 1f);
        fill(pastValue, -1f);
        return Map.of("input_ids", Tensor.of(new long[] {3, 7}, 2, 1), "past_key", pastKey, "past_value", pastValue);
    }

    @Test
    void decoderAcceptsAnEmptyPast() {
        session = backend.open(graph("decoder_step.onnx"));
        Tensor empty = Tensor.allocate(ElementType.FLOAT32, 1, 0, 32);
        Map<String, Tensor> out = session.run(Map.of("input_ids", Tensor.of(new long[] {1}, 1, 1), "past_key", empty, "past_value", empty));
        assertThat(out.get("present_value").shape()).containsExactly(1, 1, 32);
    }

    @Test
    void reusedInputBuffersAreReadInPlaceAndOutputsStayPinned() {
        session = backend.open(graph("mlp_fp32.onnx"));
        Tensor x = Tensor.allocate(ElementType.FLOAT32, 3, 16);
        fill(x, -1f);
        Tensor first = session.run(Map.of("x", x)).get("y");
        float[] negated = first.toFloatArray();
        fill(x, 1f); // same Tensor, same shape: the wrapped OnnxTensor is reused and must see the new values
        Tensor second = session.run(Map.of("x", x)).get("y");
        assertThat(second).isSameAs(first);
        assertThat(second.toFloatArray()).containsExactly(expected("mlp_fp32", "y"), within(1e-5f));
        assertThat(negated).isNotEqualTo(second.toFloatArray());
        Tensor third = session.run(Map.of("x", x)).get("y");
        assertThat(third.toFloatArray()).containsExactly(expected("mlp_fp32", "y"), within(1e-5f));
    }

    @Test
    void theHotPathAllocatesNoTensorMemoryOnTheJavaHeap() {
        session = backend.open(graph("mlp_fp32.onnx"));
        Tensor x = Tensor.allocate(ElementType.FLOAT32, 4096, 16); // 256 KiB in, 512 KiB out
        fill(x, 1f);
        Map<String, Tensor> inputs = Map.of("x", x);
        for (int i = 0; i < 20; i++) {
            session.run(inputs);
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int runs = 200;
        for (int i = 0; i < runs; i++) {
            session.run(inputs);
        }
        long perRun = (threads.getCurrentThreadAllocatedBytes() - before) / runs;
        // ORT's Java API allocates a Result and a few handle arrays per call; a copied output would be 512 KiB.
        assertThat(perRun).isLessThan(4096);
    }

    @Test
    void batchSizeCanChangeBetweenCalls() {
        session = backend.open(graph("mlp_fp32.onnx"));
        Tensor three = Tensor.allocate(ElementType.FLOAT32, 3, 16);
        fill(three, 1f);
        Tensor one = Tensor.allocate(ElementType.FLOAT32, 1, 16);
        fill(one, 1f);
        session.run(Map.of("x", three));
        assertThat(session.run(Map.of("x", one)).get("y").toFloatArray())
            .containsExactly(java.util.Arrays.copyOf(expected("mlp_fp32", "y"), 32), within(1e-5f));
        assertThat(session.run(Map.of("x", three)).get("y").toFloatArray()).containsExactly(expected("mlp_fp32", "y"), within(1e-5f));
    }

    @Test
    void inputErrorsNameTheTensorAndTheExpectedValue() {
        session = backend.open(graph("mlp_fp32.onnx"));
        assertThatThrownBy(() -> session.run(Map.of()))
            .isInstanceOf(InputMismatchException.class).hasMessageContaining("missing input 'x' float32[batch, 16]");
        Tensor x = Tensor.allocate(ElementType.FLOAT32, 1, 16);
        assertThatThrownBy(() -> session.run(Map.of("x", x, "y", x)))
            .isInstanceOf(InputMismatchException.class).hasMessageContaining("unknown input 'y'").hasMessageContaining("[x]");
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.of(new long[16], 1, 16))))
            .hasMessageContaining("'x' must be float32, got int64");
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.allocate(ElementType.FLOAT32, 16))))
            .hasMessageContaining("'x' must have rank 2 [batch, 16], got rank 1 [16]");
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.allocate(ElementType.FLOAT32, 2, 15))))
            .isInstanceOf(InputMismatchException.class)
            .hasMessageContaining("mlp_fp32.onnx: input 'x' must have shape [batch, 16], got [2, 15]")
            .extracting(e -> ((InputMismatchException) e).tensor()).isEqualTo("x");
    }

    @Test
    void aGraphThatDoesNotParseNamesTheFile() {
        Path corrupt = graph("corrupt.onnx");
        assertThatThrownBy(() -> backend.open(corrupt))
            .isInstanceOf(GraphLoadException.class).hasMessageStartingWith(corrupt.toString());
    }

    @Test
    void aMissingGraphNamesTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> backend.open(dir.resolve("nope.onnx")))
            .isInstanceOf(GraphLoadException.class).hasMessageContaining("nope.onnx: no such graph file");
    }

    @Test
    void idSaysWhatRuns() {
        assertThat(backend.id()).startsWith("onnxruntime 1.").contains("CPU").contains("intra-op threads 1");
        assertThat(List.of(OnnxRuntimeOptions.Optimization.values())).hasSize(4);
    }
}
