package io.sightline.perception.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.source.SourceState;
import io.sightline.perception.source.SourceStatus;
import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.runtime.InferenceBackend;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.select.BackendChoice;
import io.sightline.runtime.select.BackendPreference;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceConditionTest {
    private final ServiceCondition condition = new ServiceCondition("camera /dev/video3", Optional.empty());

    @Test
    void streamingSourceIsOnline() {
        assertThat(condition.reasons(new SourceStatus(SourceState.STREAMING, "", 10, 0, 0), 0, "")).isEmpty();
        assertThat(condition.reasons(new SourceStatus(SourceState.CONNECTING, "", 0, 0, 0), 0, "")).isEmpty();
    }

    @Test
    void missingCameraIsDegradedWithTheReason() {
        assertThat(condition.reasons(new SourceStatus(SourceState.RECONNECTING, "camera /dev/video3: OpenCV cannot open it",
            0, 0, 0), 0, ""))
            .singleElement().asString()
            .contains("camera /dev/video3", "reconnecting", "OpenCV cannot open it");
    }

    @Test
    void endedSourceAndFailingFramesAreReasons() {
        assertThat(condition.reasons(new SourceStatus(SourceState.ENDED, "", 100, 0, 0), 0, ""))
            .singleElement().asString().contains("ended");
        assertThat(condition.reasons(new SourceStatus(SourceState.STREAMING, "", 100, 0, 0), 3, "boom"))
            .singleElement().asString().contains("3 frame(s)", "boom");
    }

    @Test
    void backendFallbackIsAReasonOnlyOnAGpuMachine() {
        BackendChoice cpu = new BackendChoice(backend("onnxruntime"), "auto: CPU fallback because TensorRT unavailable: no jnicudart");
        assertThat(BackendIds.fallbackOnGpuMachine(cpu, BackendPreference.AUTO, p -> p.equals("/dev/nvidia0")))
            .get().asString().contains("no jnicudart");
        assertThat(BackendIds.fallbackOnGpuMachine(cpu, BackendPreference.AUTO, p -> false)).isEmpty();
        assertThat(BackendIds.fallbackOnGpuMachine(cpu, BackendPreference.ONNXRUNTIME, p -> true)).isEmpty();
        BackendChoice trt = new BackendChoice(backend("tensorrt"), "auto: TensorRT 10.6");
        assertThat(BackendIds.fallbackOnGpuMachine(trt, BackendPreference.AUTO, p -> true)).isEmpty();

        ServiceCondition c = new ServiceCondition("scene x", BackendIds.fallbackOnGpuMachine(cpu, BackendPreference.AUTO, p -> true));
        assertThat(c.reasons(new SourceStatus(SourceState.STREAMING, "", 1, 0, 0), 0, "")).hasSize(1);
    }

    @Test
    void shortBackendIds() {
        assertThat(BackendIds.shortId(new BackendChoice(backend("onnxruntime"), ""), EncoderPrecision.FP32))
            .isEqualTo("onnxruntime-cpu-fp32");
        assertThat(BackendIds.shortId(new BackendChoice(backend("tensorrt"), ""), EncoderPrecision.INT8))
            .isEqualTo("tensorrt-int8");
    }

    private static InferenceBackend backend(String name) {
        return new InferenceBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String id() {
                return name + " test";
            }

            @Override
            public InferenceSession open(Path graph) {
                throw new UnsupportedOperationException("test double");
            }
        };
    }
}
