package io.sightline.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sightline.perception.service.PerceptionService;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sightline run --pack models/coco-nanodet}: a pack without a language decoder grounds over its tracked objects
 * through MQTT; the status names that grounder and no longer says grounding is unavailable.
 */
class DetectionPackGroundingTest {
    private static final Path PACK = Path.of("..", "models", "coco-nanodet");
    private static final Path FRAME = Path.of("..", "test-scenes", "real", "images", "ocv-vtest-f300.jpg");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void groundsThePersonOnTheLeftOverMqtt(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("detector.onnx")), "no models/coco-nanodet pack");
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < 3; i++) {
            Files.copy(FRAME, images.resolve(String.format("%06d.jpg", i)));
        }
        String robot = "gnd" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        String base = "sightline/v1/" + robot + "/";
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        try {
            Map<String, String> o = new HashMap<>();
            o.put("mqtt.robot_id", robot);
            o.put("mqtt.url", broker.uri());
            o.put("mqtt.grounding_timeout_ms", "30000");
            o.put("source.uri", images.toString());
            o.put("model.pack", PACK.toAbsolutePath().toString());
            o.put("model.backend", "onnxruntime");
            PerceptionService service = ServiceAssembly.start(ServiceConfig.loader().load(null, Map.of(), o),
                new ServiceAssembly.Environment(null, Optional.empty(), Optional.empty(), "test", line -> { }));
            try (TestSubscriber planner = new TestSubscriber(broker.uri(), base + "#")) {
                TestSubscriber.Received online = planner.await("a status past STARTING", WAIT, m -> m.topic().equals(base + "status")
                    && (status(m).getState() == ServiceState.SERVICE_STATE_ONLINE
                    || status(m).getState() == ServiceState.SERVICE_STATE_DEGRADED));
                ServiceStatus s = status(online);
                assertThat(s.getGrounder()).startsWith("tracked objects");
                assertThat(s.getDegradedReasonsList()).noneMatch(r -> r.contains("language decoder"));
                planner.await("a DetectionFrame", WAIT, m -> m.topic().equals(base + "detections/cam0"));

                GroundingResult left = ground(planner, robot, "the person on the left");
                assertThat(left.getStatus()).as(left.getError()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(left.getTarget().getHypotheses(0).getClassId()).isEqualTo("person");
                GroundingResult right = ground(planner, robot, "the rightmost person");
                assertThat(right.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(right.getTarget().getTrackId()).isNotEqualTo(left.getTarget().getTrackId());

                GroundingResult none = ground(planner, robot, "the giraffe");
                assertThat(none.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_NO_MATCH);
                GroundingResult unread = ground(planner, robot, "la personne à gauche");
                assertThat(unread.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
                assertThat(unread.getError()).contains("cannot read").contains("'la'");
            } finally {
                service.close();
            }
        } finally {
            broker.close();
        }
    }

    private static GroundingResult ground(TestSubscriber planner, String robot, String expression) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] correlation = id.getBytes(StandardCharsets.UTF_8);
        String replyTo = "sightline/v1/" + robot + "/ground/response/planner";
        planner.request("sightline/v1/" + robot + "/ground/request", GroundingRequest.newBuilder().setRequestId(id)
            .setExpression(expression).build().toByteArray(), replyTo, correlation);
        TestSubscriber.Received r = planner.await("grounding result " + id, WAIT, m -> m.topic().equals(replyTo)
            && m.message().getProperties() != null
            && java.util.Arrays.equals(m.message().getProperties().getCorrelationData(), correlation));
        return GroundingResult.parseFrom(r.payload());
    }

    private static ServiceStatus status(TestSubscriber.Received r) {
        try {
            return ServiceStatus.parseFrom(r.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
