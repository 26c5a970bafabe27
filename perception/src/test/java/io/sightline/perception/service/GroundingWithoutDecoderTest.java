package io.sightline.perception.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.source.SourceState;
import io.sightline.perception.source.SourceStatus;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A detection-only pack: grounding requests are answered UNAVAILABLE with the reason, which the status names too. */
class GroundingWithoutDecoderTest {
    private static final String WHY = "model pack coco-nanodet has no language decoder (detection only): grounding is unavailable";

    @Test
    void requestsAreAnsweredUnavailableWithTheReason() {
        GroundingService service = new GroundingService(Optional.empty(), WHY,
            () -> { throw new AssertionError("no frame is needed to refuse"); },
            new ProtoMapper("robot", "cam", "coco-nanodet@3.0.4", "onnxruntime-cpu"),
            io.sightline.perception.pipeline.SceneTasks.forLabels(java.util.List.of("person")));
        GroundingResult r = service.ground(GroundingRequest.newBuilder().setExpression("the person").build());
        assertThat(r.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_UNAVAILABLE);
        assertThat(r.getError()).isEqualTo(WHY);
    }

    @Test
    void theStatusSaysWhyForAsLongAsItRuns() {
        ServiceCondition c = new ServiceCondition("camera 0", Optional.empty(), Optional.of(WHY));
        ServiceCondition.Assessment a = c.assess(new SourceStatus(SourceState.STREAMING, "", 0, 0, 0), true, 0, "");
        assertThat(a.reasons()).containsExactly(WHY);
        assertThat(a.state()).isEqualTo(io.sightline.transport.v1.ServiceState.SERVICE_STATE_DEGRADED);
        assertThat(new ServiceCondition("camera 0", Optional.empty())
            .assess(new SourceStatus(SourceState.STREAMING, "", 0, 0, 0), true, 0, "").online()).isTrue();
    }
}
