package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * Issue 25 point 4, on loopback: for 3 s a flooder sends valid requests, another garbage, as fast as a QoS 0 client
 * can (thousands a second), at a handler that takes 5 ms, while an honest requester asks with a 1 s deadline. Requests
 * are shed (counted as busy), every answer the honest requester gets arrives by its deadline, and a request after
 * the flood is answered.
 */
class GroundingFloodTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long FLOOD_MS = 3000;
    private static final long DEADLINE_MS = 1000;
    /** Broker and scheduling slack between the answer leaving and the requester reading it. */
    private static final long SLACK_MS = 500;

    @Test
    void aFloodIsShedAndHonestRequestsAreAnsweredByTheirDeadline() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        GroundingHandler slow = r -> {
            Thread.sleep(5);
            return GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_NO_MATCH).build();
        };
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
             SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
             GroundingResponder responder = new GroundingResponder(service, slow,
                     GroundingSettings.of(MqttTestKit.config(robot, Map.of())));
             SightlineMqttClient tool = SightlineMqttClient.start(MqttTestKit.tool(broker.uri(), robot));
             MqttTestKit.RawClient flooder = new MqttTestKit.RawClient(broker.uri(), true)) {
            assertThat(service.awaitReady(WAIT) && tool.awaitReady(WAIT)).isTrue();
            GroundingRequester honest = new GroundingRequester(tool);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong floodSent = new AtomicLong();
            Thread flood = new Thread(() -> flood(flooder, topics, flooding, floodSent), "test-flooder");
            flood.start();
            List<CompletableFuture<GroundingResult>> asked = new ArrayList<>();
            List<Long> deadlines = new ArrayList<>();
            List<Long> answeredAt = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLOOD_MS);
            for (int i = 0; System.nanoTime() < end; i++) {
                long deadline = System.currentTimeMillis() + DEADLINE_MS;
                GroundingRequest r = GroundingRequest.newBuilder().setRequestId("honest-" + i).setExpression("the red cup")
                        .setDeadline(GroundingResponder.deadlineIn(DEADLINE_MS)).build();
                int k = asked.size();
                answeredAt.add(Long.MAX_VALUE);
                asked.add(honest.request(r, Duration.ofMillis(DEADLINE_MS + 3000))
                        .whenComplete((res, e) -> answeredAt.set(k, System.currentTimeMillis())));
                deadlines.add(deadline);
                Thread.sleep(100);
            }
            flooding.set(false);
            flood.join(5000);

            GroundingResponder.Counters c = responder.counters();
            System.out.printf("flood: %d flood requests sent in %d ms, responder %s%n", floodSent.get(), FLOOD_MS, c);
            assertThat(floodSent.get()).as("a flood, not a trickle").isGreaterThan(3000);
            assertThat(c.busy()).as("shed requests").isPositive();
            int answered = 0;
            for (int i = 0; i < asked.size(); i++) {
                GroundingResult r;
                try {
                    r = asked.get(i).get(DEADLINE_MS + 4000, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException notAnswered) {
                    continue; // "on time or not at all": no answer is allowed, a late one is not
                }
                answered++;
                assertThat(answeredAt.get(i)).as("answer %d (%s) by its deadline", i, r.getStatus())
                        .isLessThanOrEqualTo(deadlines.get(i) + SLACK_MS);
            }
            assertThat(answered).as("honest requests answered during the flood").isPositive();

            GroundingResult after = honest.request(GroundingRequest.newBuilder().setRequestId("after-flood")
                    .setExpression("the red cup").build(), WAIT).get(15, TimeUnit.SECONDS);
            assertThat(after.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_NO_MATCH);
        }
    }

    /** Valid requests with a far deadline from one response topic, garbage naming none, QoS 0, as fast as it goes. */
    private static void flood(MqttTestKit.RawClient flooder, Topics topics, AtomicBoolean flooding, AtomicLong sent) {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, 0x12, 0x01};
        for (long i = 0; flooding.get(); i++) {
            MqttMessage m;
            MqttProperties p = new MqttProperties();
            if (i % 2 == 0) {
                m = new MqttMessage(GroundingRequest.newBuilder().setRequestId("flood-" + i).setExpression("the red cup")
                        .setDeadline(GroundingResponder.deadlineIn(Duration.ofDays(3650).toMillis())).build().toByteArray());
                p.setResponseTopic(topics.groundResponse("flooder"));
            } else {
                m = new MqttMessage(garbage);
            }
            m.setQos(0);
            m.setProperties(p);
            try {
                flooder.paho.publish(topics.groundRequest(), m);
                sent.incrementAndGet();
            } catch (Exception e) {
                Thread.onSpinWait(); // the client's queue is full: that is the flooder's problem
            }
        }
    }
}
