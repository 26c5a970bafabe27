package io.sightline.perception.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.source.SourceState;
import io.sightline.perception.source.SourceStatus;
import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.runtime.InferenceBackend;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.select.BackendChoice;
import io.sightline.runtime.select.BackendPreference;
import io.sightline.transport.v1.ServiceState;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceConditionTest {
    private final ServiceCondition condition = new ServiceCondition("camera /dev/video3", Optional.empty());

    @Test
    void streamingSourceIsOnline() {
        assertThat(condition.assess(new SourceStatus(SourceState.STREAMING, "", 10, 0, 0), true, 0, "").reasons()).isEmpty();
        assertThat(condition.assess(new SourceStatus(SourceState.CONNECTING, "", 0, 0, 0), true, 0, "").reasons()).isEmpty();
    }

    @Test
    void missingCameraIsDegradedWithTheReason() {
        assertThat(condition.assess(new SourceStatus(SourceState.RECONNECTING, "camera /dev/video3: OpenCV cannot open it",
            0, 0, 0), true, 0, "").reasons())
            .singleElement().asString()
            .contains("camera /dev/video3", "reconnecting", "OpenCV cannot open it");
    }

    @Test
    void endedSourceAndFailingFramesAreReasons() {
        assertThat(condition.assess(new SourceStatus(SourceState.ENDED, "", 100, 0, 0), true, 0, "").reasons())
            .singleElement().asString().contains("ended");
        assertThat(condition.assess(new SourceStatus(SourceState.STREAMING, "", 100, 0, 0), true, 3, "boom").reasons())
            .singleElement().asString().contains("3 frame(s)", "boom");
    }

    /** The wire state follows the source: STARTING before the first frame, then ENDED, FAILED, RECONNECTING. */
    @Test
    void theStateIsTrueToTheSource() {
        assertThat(condition.assess(new SourceStatus(SourceState.CONNECTING, "", 0, 0, 0), false, 0, "").state())
            .isEqualTo(ServiceState.SERVICE_STATE_STARTING);
        assertThat(condition.assess(new SourceStatus(SourceState.STREAMING, "", 3, 0, 0), false, 0, "").state())
            .as("frames captured but none processed yet").isEqualTo(ServiceState.SERVICE_STATE_STARTING);
        assertThat(condition.assess(new SourceStatus(SourceState.STREAMING, "", 3, 0, 0), true, 0, "").state())
            .isEqualTo(ServiceState.SERVICE_STATE_ONLINE);
        ServiceCondition.Assessment missing = condition.assess(new SourceStatus(SourceState.RECONNECTING,
            "camera /dev/video3: OpenCV cannot open it", 0, 0, 0), false, 0, "");
        assertThat(missing.state()).isEqualTo(ServiceState.SERVICE_STATE_RECONNECTING);
        assertThat(missing.reasons()).singleElement().asString().contains("reconnecting", "cannot open it");
        assertThat(condition.assess(new SourceStatus(SourceState.DEGRADED, "no frame", 5, 0, 0), true, 0, "").state())
            .isEqualTo(ServiceState.SERVICE_STATE_RECONNECTING);
        ServiceCondition.Assessment ended = condition.assess(new SourceStatus(SourceState.ENDED, "", 9, 0, 0), true, 0, "");
        assertThat(ended.state()).isEqualTo(ServiceState.SERVICE_STATE_ENDED);
        assertThat(ended.reasons()).singleElement().asString().contains("ended");
        ServiceCondition.Assessment failed = condition.assess(new SourceStatus(SourceState.FAILED, "gave up after 3", 0, 0, 0),
            false, 0, "");
        assertThat(failed.state()).isEqualTo(ServiceState.SERVICE_STATE_FAILED);
        assertThat(failed.reasons()).singleElement().asString().contains("failed", "gave up after 3");
        assertThat(condition.assess(new SourceStatus(SourceState.STREAMING, "", 9, 0, 0), true, 2, "boom").state())
            .isEqualTo(ServiceState.SERVICE_STATE_DEGRADED);
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
        assertThat(c.assess(new SourceStatus(SourceState.STREAMING, "", 1, 0, 0), true, 0, "").reasons()).hasSize(1);
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

    @Test
    void aFailedRecordingMakesTheServiceDegradedWithItsReasonNotFailed() {
        ServiceCondition.Assessment a = condition.assess(new SourceStatus(SourceState.STREAMING, "", 10, 0, 0), true, 0, "",
            java.util.Optional.of("recording stopped: cannot write run.mcap: No space left on device"));
        assertThat(a.state()).isEqualTo(io.sightline.transport.v1.ServiceState.SERVICE_STATE_DEGRADED);
        assertThat(a.reasons()).containsExactly("recording stopped: cannot write run.mcap: No space left on device");
    }
}
