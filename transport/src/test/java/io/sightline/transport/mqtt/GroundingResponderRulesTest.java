package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 25 points 3 and 7: where answers may go, what is echoed, and what the cache answers. Over the responder alone. */
class GroundingResponderRulesTest {
    record Answer(String topic, Optional<CorrelationData> correlation, GroundingResult result) {
    }

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final String robot = MqttTestKit.uniqueRobot();
    private final Topics topics = new Topics(robot);
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final SightlineMqttClientTest.TableHandler handler = new SightlineMqttClientTest.TableHandler();
    private GroundingResponder responder = responder(Map.of());

    private GroundingResponder responder(Map<String, String> overrides) {
        return new GroundingResponder(topics, (t, c, r, by) -> answers.add(new Answer(t, c, r)), handler,
                GroundingSettings.of(MqttTestKit.config(robot, overrides)));
    }

    @AfterEach
    void close() {
        responder.close();
    }

    private Answer ask(String id, String expression, Optional<String> responseTopic, Optional<CorrelationData> correlation)
            throws InterruptedException {
        int before = answers.size();
        GroundingRequest r = GroundingRequest.newBuilder().setRequestId(id).setExpression(expression).build();
        responder.onRequest(new InboundMessage(topics.groundRequest(), r.toByteString(), false, Optional.empty(),
                responseTopic, correlation, System.nanoTime()));
        MqttTestKit.await("an answer", WAIT, () -> answers.size() > before);
        return answers.get(before);
    }

    private Answer askOn(String responseTopic) throws InterruptedException {
        return ask("id-" + answers.size(), "the red cup", Optional.of(responseTopic), Optional.of(CorrelationData.utf8("c")));
    }

    @Test
    void answersOnTopicsBelowTheRobotsRoot() throws Exception {
        for (String ok : List.of(topics.groundResponse("tool-1"), topics.groundResult(), "sightline/v1/" + robot + "/app/answers")) {
            Answer a = askOn(ok);
            assertThat(a.topic()).as(ok).isEqualTo(ok);
            assertThat(a.result().getStatus()).as(ok).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
            assertThat(a.correlation()).contains(CorrelationData.utf8("c"));
        }
        assertThat(ask("none", "red", Optional.empty(), Optional.empty()).topic()).isEqualTo(topics.groundResult());
    }

    @Test
    void refusesEveryOtherResponseTopicWithAnErrorOnGroundResult() throws Exception {
        List<String> refused = List.of("factory/plc/line1/cmd", "sightline/v1/other/status",
                "sightline/v1/other/ground/response/x", topics.status(), topics.health(), topics.detections("cam0"),
                topics.scene("cam0"), topics.events("cam0"), topics.groundRequest(), topics.groundResponse("x") + "/+",
                "sightline/v1/" + robot + "/#", "#", "$SYS/broker/x", "sightline/v1/" + robot,
                "sightline/v1/" + robot + "/" + "x".repeat(300), "sightline/v1/" + robot + "/a\u0000b");
        for (String topic : refused) {
            Answer a = askOn(topic);
            assertThat(a.topic()).as(topic).isEqualTo(topics.groundResult());
            assertThat(a.result().getStatus()).as(topic).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
            assertThat(a.result().getError()).as(topic).contains("response topic").hasSizeLessThan(200);
        }
        assertThat(handler.calls).as("no refused request ran").hasValue(0);
    }

    @Test
    void configuredPrefixesAllowOtherTopicsButNeverSightlinesOwn() throws Exception {
        responder.close();
        responder = responder(Map.of("mqtt.response_topic_prefixes", "fleet/answers, sightline/v1/"));
        assertThat(askOn("fleet/answers/planner").topic()).isEqualTo("fleet/answers/planner");
        assertThat(askOn("sightline/v1/other/ground/response/x").topic()).isEqualTo("sightline/v1/other/ground/response/x");
        assertThat(askOn("fleet/answersX").topic()).isEqualTo(topics.groundResult());
        assertThat(askOn("sightline/v1/other/status").result().getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
        assertThat(askOn(topics.status()).topic()).isEqualTo(topics.groundResult());
    }

    @Test
    void oversizedIdsAndCorrelationAreNeverEchoed() throws Exception {
        String longId = "x".repeat(60_000);
        Answer a = ask(longId, "red", Optional.of(topics.groundResponse("t")), Optional.empty());
        assertThat(a.result().getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
        assertThat(a.result().getRequestId()).isEmpty();
        assertThat(a.result().getSerializedSize()).isLessThan(512);

        Answer c = ask("ok-id", "red", Optional.of(topics.groundResponse("t")),
                Optional.of(new CorrelationData(ByteString.copyFrom(new byte[60_000]))));
        assertThat(c.result().getError()).contains("correlation data");
        assertThat(c.correlation()).isEmpty();

        Answer forged = ask("evil\nWARN forged line\u2028\u202e", "", Optional.of(topics.groundResponse("t")), Optional.empty());
        assertThat(forged.result().getError()).isEqualTo("expression is empty");
        assertThat(ClientText.safe("evil\nWARN forged\u2028\u202e\u0007", 100)).doesNotContain("\n", "\u2028", "\u202e", "\u0007")
                .isEqualTo("evil\\nWARN forged\\u2028\\u202e\\u0007");
        assertThat(ClientText.safe("y".repeat(1000), 10)).isEqualTo("yyyyyyyyyy...(1000 chars)");
    }

    @Test
    void aReusedRequestIdIsARepeatOnlyForTheSameQuestionFromTheSameClient() throws Exception {
        Optional<String> mine = Optional.of(topics.groundResponse("tool-1"));
        GroundingResult first = ask("r1", "the red cup", mine, Optional.empty()).result();
        assertThat(first.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
        assertThat(ask("r1", "the red cup", mine, Optional.empty()).result()).isEqualTo(first);
        assertThat(handler.calls).hasValue(1);

        GroundingResult reused = ask("r1", "the green ball", mine, Optional.empty()).result();
        assertThat(reused.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
        assertThat(reused.getError()).contains("was used before");

        GroundingResult otherClient = ask("r1", "the green ball", Optional.of(topics.groundResponse("tool-2")), Optional.empty()).result();
        assertThat(otherClient.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_NO_MATCH);
        assertThat(handler.calls).hasValue(2);
        assertThat(responder.counters().repeats()).isEqualTo(1);
    }

    @Test
    void farDeadlinesAreClampedToTheConfiguredMaximum() throws Exception {
        responder.close();
        responder = new GroundingResponder(topics, (t, c, r, by) -> answers.add(new Answer(t, c, r)), r -> {
            Thread.sleep(10_000);
            return GroundingResult.getDefaultInstance();
        }, GroundingSettings.of(MqttTestKit.config(robot, Map.of("mqtt.grounding_timeout_ms", "100", "mqtt.max_deadline_ms", "300"))));
        GroundingRequest r = GroundingRequest.newBuilder().setRequestId("far").setExpression("red")
                .setDeadline(com.google.protobuf.Timestamp.newBuilder().setSeconds(Long.MAX_VALUE / 2)).build();
        responder.onRequest(new InboundMessage(topics.groundRequest(), r.toByteString(), false, Optional.empty(),
                Optional.empty(), Optional.empty(), System.nanoTime()));
        MqttTestKit.await("TIMEOUT at the clamped deadline", WAIT, () -> !answers.isEmpty());
        assertThat(answers.get(0).result().getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_TIMEOUT);
        assertThat(answers.get(0).result().getError()).isEqualTo("no answer within 300 ms");
    }

    @Test
    void refusalsBeyondTheirRateAreDroppedUnansweredAndCounted() throws Exception {
        responder.close();
        responder = responder(Map.of("mqtt.grounding_refusals_per_second", "5"));
        for (int i = 0; i < 200; i++) { // each from its own requester, under the per-requester rate
            responder.onRequest(new InboundMessage(topics.groundRequest(), ByteString.copyFrom(new byte[] {(byte) 0xff, 0x12}),
                    false, Optional.empty(), Optional.of(topics.groundResponse("client-" + i)), Optional.empty(), System.nanoTime()));
        }
        GroundingResponder.Counters c = responder.counters();
        assertThat(c.malformed()).isEqualTo(200);
        // a burst of 5, and at most a few more refilled while the loop ran
        assertThat(answers).hasSizeBetween(5, 20).allSatisfy(a ->
                assertThat(a.result().getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR));
        assertThat(c.refusalsDropped()).isEqualTo(200 - answers.size());
        Answer valid = ask("valid-after", "the red cup", Optional.of(topics.groundResponse("tool")), Optional.empty());
        assertThat(valid.result().getStatus()).as("real answers are not refusals").isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
    }
}
