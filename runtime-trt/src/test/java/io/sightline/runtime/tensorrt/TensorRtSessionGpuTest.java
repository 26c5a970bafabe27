package io.sightline.runtime.tensorrt;

import static io.sightline.runtime.TestGraphs.expected;
import static io.sightline.runtime.TestGraphs.fill;
import static io.sightline.runtime.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.InputMismatchException;
import io.sightline.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresCudaDevice
class TensorRtSessionGpuTest {
    @TempDir
    Path engines;

    private TensorRtBackend backend(Precision precision, Map<String, DimRange> ranges) {
        return new TensorRtBackend(TensorRtOptions.of(precision, engines, ranges), TensorRtProbe.availability());
    }

    private static Tensor mlpInput() {
        Tensor x = Tensor.allocate(ElementType.FLOAT32, 3, 16);
        fill(x, 1f);
        return x;
    }

    @Test
    void fp32EngineMatchesNumpyAndIsCachedForTheNextOpen() throws Exception {
        TensorRtBackend trt = backend(Precision.FP32, Map.of("batch", new DimRange(1, 3, 8)));
        try (InferenceSession s = trt.open(graph("mlp_fp32.onnx"))) {
            assertThat(s.run(Map.of("x", mlpInput())).get("y").toFloatArray()).containsExactly(expected("mlp_fp32", "y"), within(1e-4f));
        }
        Path engine;
        try (var files = Files.list(engines)) {
            engine = files.filter(p -> p.toString().endsWith(".engine")).findFirst().orElseThrow();
        }
        var built = Files.getLastModifiedTime(engine);
        try (InferenceSession s = trt.open(graph("mlp_fp32.onnx"))) {
            assertThat(s.run(Map.of("x", mlpInput())).get("y").toFloatArray()).containsExactly(expected("mlp_fp32", "y"), within(1e-4f));
        }
        assertThat(Files.getLastModifiedTime(engine)).isEqualTo(built);
    }

    @Test
    void int8QdqEngineStaysNearTheFakeQuantReference() {
        try (InferenceSession s = backend(Precision.INT8_QDQ, Map.of("batch", new DimRange(1, 3, 8))).open(graph("mlp_int8_qdq.onnx"))) {
            assertThat(s.run(Map.of("x", mlpInput())).get("y").toFloatArray()).containsExactly(expected("mlp_int8_qdq", "y"), within(2e-2f));
        }
    }

    @Test
    void int8FromACalibrationCacheBuildsAndRuns(@TempDir Path dir) throws Exception {
        Path cacheFile = dir.resolve("mlp.cache");
        Files.write(cacheFile, CalibrationCache.fromAbsMax(100600, Map.of("x", 0.5f, "xw", 3f, "xwb", 3f, "y", 3f)).toBytes());
        var options = new TensorRtOptions(Precision.INT8_CALIBRATION_CACHE, engines, Map.of("batch", new DimRange(1, 3, 8)),
            Optional.of(cacheFile), 1L << 28);
        try (InferenceSession s = new TensorRtBackend(options, TensorRtProbe.availability()).open(graph("mlp_fp32.onnx"))) {
            assertThat(s.run(Map.of("x", mlpInput())).get("y").toFloatArray()).containsExactly(expected("mlp_fp32", "y"), within(0.1f));
        }
    }

    @Test
    void decoderStepRunsOverTheWholeProfileIncludingAnEmptyPast() {
        try (InferenceSession s = backend(Precision.FP32, Map.of("batch", new DimRange(1, 2, 2), "past_len", new DimRange(0, 8, 16)))
                 .open(graph("decoder_step.onnx"))) {
            Tensor ids = Tensor.of(new long[] {3, 7}, 2, 1);
            Tensor pastKey = Tensor.withCapacity(ElementType.FLOAT32, 2 * 16 * 32, 2, 0, 32);
            Tensor pastValue = Tensor.withCapacity(ElementType.FLOAT32, 2 * 16 * 32, 2, 0, 32);
            assertThat(s.run(Map.of("input_ids", ids, "past_key", pastKey, "past_value", pastValue)).get("present_key").shape())
                .containsExactly(2, 1, 32);
            pastKey.reshape(2, 5, 32);
            pastValue.reshape(2, 5, 32);
            fill(pastKey, 1f);
            fill(pastValue, -1f);
            Map<String, Tensor> out = s.run(Map.of("input_ids", ids, "past_key", pastKey, "past_value", pastValue));
            assertThat(out.get("logits").toFloatArray()).containsExactly(expected("decoder_step", "logits"), within(1e-3f));
            assertThat(out.get("present_key").toFloatArray()).containsExactly(expected("decoder_step", "present_key"), within(1e-4f));
            Tensor tooLong = Tensor.allocate(ElementType.FLOAT32, 2, 17, 32);
            assertThatThrownBy(() -> s.run(Map.of("input_ids", ids, "past_key", tooLong, "past_value", tooLong)))
                .isInstanceOf(InputMismatchException.class).hasMessageContaining("outside the engine's profile");
        }
    }
}
