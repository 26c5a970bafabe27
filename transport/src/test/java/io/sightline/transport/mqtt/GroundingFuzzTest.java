package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz of grounding requests (issue 25): 6,000 payloads, schema-valid and not (random bytes, mutated and
 * truncated requests, hostile ids, expressions, cameras, deadlines, response topics and correlation data) through
 * the responder. None may throw; every answer goes to an allowed topic, echoes nothing unbounded, and a valid request
 * afterwards is answered.
 */
class GroundingFuzzTest {
    private static final int CASES = 6000;
    private static final List<String> HOSTILE = List.of("", "\n", "\r\nWARN forged", "\u0000", "\u202e", "+", "#", "/",
            "$share/x", "\ud800", "\uffff", "😀", "x".repeat(2000), " ");

    @Test
    void randomRequestsNeverStopTheResponder() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        List<String> sent = new CopyOnWriteArrayList<>();
        List<GroundingResponderRulesTest.Answer> answers = new CopyOnWriteArrayList<>();
        SightlineMqttClientTest.TableHandler handler = new SightlineMqttClientTest.TableHandler();
        GroundingSettings settings = GroundingSettings.of(MqttTestKit.config(robot, Map.of("mqtt.grounding_rate_per_client",
                "100000", "mqtt.grounding_refusals_per_second", "100000", "mqtt.grounding_queue_size", "64",
                "mqtt.max_deadline_ms", "5000")));
        Random random = new Random(0x25L);
        try (GroundingResponder responder = new GroundingResponder(topics,
                (t, c, r, by) -> answers.add(new GroundingResponderRulesTest.Answer(t, c, r)), handler, settings)) {
            for (int i = 0; i < CASES; i++) {
                ByteString payload = payload(random, i);
                Optional<String> responseTopic = responseTopic(random, topics);
                Optional<CorrelationData> correlation = random.nextInt(4) == 0 ? Optional.empty()
                        : Optional.of(new CorrelationData(ByteString.copyFrom(bytes(random, random.nextInt(8) == 0 ? 70_000 : 16))));
                InboundMessage in = new InboundMessage(topics.groundRequest(), payload, false, Optional.empty(),
                        responseTopic, correlation, System.nanoTime());
                assertThatCode(() -> responder.onRequest(in)).as("case %d", i).doesNotThrowAnyException();
            }
            MqttTestKit.await("the queue to drain", Duration.ofSeconds(10), () -> answers.size() >= CASES - responder.counters().busy());
            ResponseTopicPolicy policy = new ResponseTopicPolicy(topics, List.of());
            for (GroundingResponderRulesTest.Answer a : answers) {
                assertThat(policy.route(Optional.of(a.topic())).refusal()).as(a.topic()).isEmpty();
                assertThat(a.result().getStatus()).isNotEqualTo(GroundingStatus.GROUNDING_STATUS_UNSPECIFIED);
                assertThat(a.result().getRequestId().length()).isLessThanOrEqualTo(GroundingResponder.MAX_REQUEST_ID_CHARS);
                assertThat(a.result().getExpression().length()).isLessThanOrEqualTo(GroundingResponder.MAX_EXPRESSION_CHARS);
                assertThat(a.result().getError().length()).isLessThan(600);
                assertThat(a.result().getError()).doesNotContain("\n", "\r", "\u0000");
                a.correlation().ifPresent(c -> assertThat(c.bytes().size()).isLessThanOrEqualTo(GroundingResponder.MAX_CORRELATION_BYTES));
            }
            System.out.printf("fuzz: %d cases, %d answers, %s%n", CASES, answers.size(), responder.counters());
            assertThat(responder.counters().requests()).isEqualTo(CASES);

            int before = answers.size();
            responder.onRequest(new InboundMessage(topics.groundRequest(), GroundingRequest.newBuilder().setRequestId("after-fuzz")
                    .setExpression("the red cup").build().toByteString(), false, Optional.empty(),
                    Optional.of(topics.groundResponse("tool")), Optional.empty(), System.nanoTime()));
            MqttTestKit.await("the valid request's answer", Duration.ofSeconds(10), () -> answers.stream().skip(before)
                    .anyMatch(a -> a.result().getRequestId().equals("after-fuzz")));
            assertThat(answers.stream().filter(a -> a.result().getRequestId().equals("after-fuzz")).findFirst().orElseThrow()
                    .result().getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
        }
    }

    private static ByteString payload(Random random, int i) {
        return switch (random.nextInt(5)) {
            case 0 -> ByteString.copyFrom(bytes(random, random.nextInt(200)));
            case 1 -> mutate(random, request(random, i).toByteArray());
            case 2 -> {
                byte[] b = request(random, i).toByteArray();
                yield ByteString.copyFrom(b, 0, random.nextInt(b.length + 1));
            }
            default -> request(random, i).toByteString();
        };
    }

    private static GroundingRequest request(Random random, int i) {
        GroundingRequest.Builder b = GroundingRequest.newBuilder()
                .setRequestId(random.nextInt(6) == 0 ? pick(random) : "fuzz-" + (random.nextInt(3) == 0 ? random.nextInt(20) : i))
                .setExpression(random.nextInt(6) == 0 ? pick(random) : random.nextBoolean() ? "the red cup" : "a green ball")
                .setCameraId(random.nextInt(8) == 0 ? pick(random) : "");
        switch (random.nextInt(6)) {
            case 0 -> b.setDeadline(Timestamp.newBuilder().setSeconds(random.nextLong()).setNanos(random.nextInt()));
            case 1 -> b.setDeadline(GroundingResponder.deadlineIn(random.nextInt(2000) - 500));
            case 2 -> b.setDeadline(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE));
            default -> { }
        }
        return b.build();
    }

    private static ByteString mutate(Random random, byte[] b) {
        for (int k = 0; k < 1 + random.nextInt(4) && b.length > 0; k++) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return ByteString.copyFrom(b);
    }

    private static Optional<String> responseTopic(Random random, Topics topics) {
        return switch (random.nextInt(6)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(pick(random));
            case 2 -> Optional.of(topics.status());
            case 3 -> Optional.of("factory/plc/" + pick(random));
            default -> Optional.of(topics.groundResponse("tool" + random.nextInt(5)));
        };
    }

    private static String pick(Random random) {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
