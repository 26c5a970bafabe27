package io.sightline.runtime.tensorrt;

import static io.sightline.runtime.TestGraphs.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.InputMismatchException;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped detection-only pack (models/coco-nanodet: detector.onnx, static 1x3x416x416 input, six outputs) through the
 * TensorRT backend's pure-Java parts: signature, shape plan and engine cache key; the engine build where a device exists.
 */
class CocoNanodetPackTest {
    static final Path DETECTOR = Path.of("..", "models", "coco-nanodet", "detector.onnx");
    static final List<String> OUTPUTS = List.of("scores_8", "scores_16", "scores_32", "distances_8", "distances_16", "distances_32");

    @Test
    void signatureAndShapePlanOfTheStaticDetector() {
        GraphSignature sig = GraphSignature.read(DETECTOR);
        assertThat(sig.inputs()).extracting(TensorSpec::name).containsExactly("images");
        assertThat(sig.inputs().get(0).shape()).containsExactly(1, 3, 416, 416);
        assertThat(sig.outputs()).extracting(TensorSpec::name).containsExactlyInAnyOrderElementsOf(OUTPUTS);

        ShapePlan plan = ShapePlan.of("detector.onnx", sig.inputs(), Map.of());
        ShapePlan.Profile p = plan.profile("images");
        assertThat(p.min()).containsExactly(1, 3, 416, 416);
        assertThat(p.opt()).containsExactly(1, 3, 416, 416);
        assertThat(p.max()).containsExactly(1, 3, 416, 416);
        assertThat(plan.describe()).isEqualTo("static");
        plan.requireInside("detector.onnx", "images", new long[] {1, 3, 416, 416});
        assertThatThrownBy(() -> plan.requireInside("detector.onnx", "images", new long[] {1, 3, 320, 320}))
            .isInstanceOf(InputMismatchException.class).hasMessageContaining("outside the engine's profile");
        // a range for a dimension the static graph does not have is a typo, not ignored
        assertThatThrownBy(() -> ShapePlan.of("detector.onnx", sig.inputs(), Map.of("batch", DimRange.fixed(1))))
            .hasMessageContaining("range for 'batch' matches no dynamic dimension");
    }

    @Test
    void engineCacheKeysSeparateThePrecisionsOfTheDetector() {
        String sha = EngineCacheKey.sha256(DETECTOR);
        ShapePlan plan = ShapePlan.of("detector.onnx", GraphSignature.read(DETECTOR).inputs(), Map.of());
        EngineCacheKey fp32 = new EngineCacheKey(sha, "10.3.0", "8.7", Precision.FP32, plan.describe());
        EngineCacheKey fp16 = new EngineCacheKey(sha, "10.3.0", "8.7", Precision.FP16, plan.describe());
        EngineCacheKey int8 = new EngineCacheKey(sha, "10.3.0", "8.7", Precision.INT8_CALIBRATION_CACHE, plan.describe());
        assertThat(fp32.fileStem()).startsWith(sha.substring(0, 16) + "-trt10.3.0-sm8.7-");
        assertThat(List.of(fp32.fileStem(), fp16.fileStem(), int8.fileStem())).doesNotHaveDuplicates();
    }

    /** Built and run on the device: TensorRT FP32 agrees with ONNX Runtime CPU on the same input. */
    @Nested
    @RequiresCudaDevice
    class OnTheDevice {
        @TempDir
        Path engines;

        @Test
        void fp32EngineMatchesOnnxRuntime() {
            Tensor x = Tensor.allocate(ElementType.FLOAT32, 1, 3, 416, 416);
            fill(x, 1f);
            Map<String, Tensor> reference;
            try (InferenceSession ort = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(2)).open(DETECTOR)) {
                reference = ort.run(Map.of("images", x));
                TensorRtBackend trt = new TensorRtBackend(TensorRtOptions.of(Precision.FP32, engines, Map.of()), TensorRtProbe.availability());
                try (InferenceSession s = trt.open(DETECTOR)) {
                    Map<String, Tensor> out = s.run(Map.of("images", x));
                    for (String name : OUTPUTS) {
                        assertThat(out.get(name).toFloatArray()).as(name).containsExactly(reference.get(name).toFloatArray(), within(2e-3f));
                    }
                }
            }
        }
    }
}
