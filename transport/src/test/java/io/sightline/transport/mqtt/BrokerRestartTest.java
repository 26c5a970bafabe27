package io.sightline.transport.mqtt;

import static io.sightline.transport.mqtt.MqttTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.bench.SyntheticFrames;
import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.mqtt.MqttTestKit.RawClient;
import io.sightline.transport.mqtt.MqttTestKit.Received;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.Header;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.TrackEvent;
import io.sightline.transport.v1.TrackEventKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away while the service publishes and comes back (ARCHITECTURE.md section 9, "broker
 * down"): the client reconnects, re-subscribes, announces ONLINE with birth 2, delivers the events it
 * queued, serves grounding again, and leaves no thread behind when closed.
 */
class BrokerRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Threads of our client or of Paho. */
    private static boolean ours(String threadName) {
        return threadName.startsWith("sightline-") || threadName.startsWith("MQTT");
    }

    private static Set<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(BrokerRestartTest::ours).collect(Collectors.toSet());
    }

    @Test
    void survivesABrokerRestart() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        Set<String> threadsBefore = ourThreads();
        SightlineMqttClientTest.TableHandler handler = new SightlineMqttClientTest.TableHandler();
        SyntheticFrames frames = new SyntheticFrames(robot, "cam0", 5, 9);

        // The watcher keeps a persistent session, as a planner that must not miss events would.
        RawClient watcher = new RawClient(broker.uri(), false).subscribe(topics.all(), 1);
        SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
        GroundingResponder responder = new GroundingResponder(service, handler, MqttTestKit.grounding(4096, 2000, 16, null));
        SightlineMqttClient tool = SightlineMqttClient.start(MqttTestKit.tool(broker.uri(), robot));
        GroundingRequester requester = new GroundingRequester(tool);
        try {
            assertThat(service.awaitReady(WAIT) && tool.awaitReady(WAIT)).isTrue();
            assertThat(birthOf(watcher.next(WAIT, r -> r.topic().equals(topics.status())))).isEqualTo(1);
            assertThat(requester.request(request("before"), WAIT).get(10, TimeUnit.SECONDS).getStatus())
                    .isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);

            broker.stop();
            await("service to notice the broker is gone", WAIT, () -> !service.isReady());
            List<Long> sentWhileDown = new ArrayList<>();
            for (long seq = 1; seq <= 3; seq++) {
                service.publishEvent(TrackEvent.newBuilder().setKind(TrackEventKind.TRACK_EVENT_KIND_NEW)
                        .setHeader(Header.newBuilder().setCameraId("cam0").setSeq(seq)).build());
                sentWhileDown.add(seq);
            }
            for (long seq = 1; seq <= 30; seq++) {
                service.publishDetections(frames.frame(seq)); // only the newest may survive the outage
            }
            assertThat(service.stats().replaced()).isGreaterThanOrEqualTo(29);

            broker.startAgain();
            watcher.connect(false);
            assertThat(service.awaitReady(WAIT) && tool.awaitReady(WAIT)).isTrue();

            Received birth = watcher.next(WAIT, r -> r.topic().equals(topics.status()) && birthOf(r) == 2);
            assertThat(ServiceStatus.parseFrom(birth.message().getPayload()).getState()).isEqualTo(ServiceState.SERVICE_STATE_ONLINE);
            List<Long> eventsAfter = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Received e = watcher.next(WAIT, r -> r.topic().equals(topics.events("cam0")));
                eventsAfter.add(TrackEvent.parseFrom(e.message().getPayload()).getHeader().getSeq());
            }
            assertThat(eventsAfter).isEqualTo(sentWhileDown);

            GroundingResult after = requester.request(request("after"), WAIT).get(10, TimeUnit.SECONDS);
            assertThat(after.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
            assertThat(handler.calls).hasValue(2);

            service.publishDetections(frames.frame(31));
            Received det = watcher.next(WAIT, r -> r.topic().equals(topics.detections("cam0")) && seqOf(r) == 31);
            assertThat(det).isNotNull();
            assertThat(watcher.received).noneMatch(r -> r.topic().equals(topics.detections("cam0")) && seqOf(r) < 30);
        } finally {
            responder.close();
            service.close();
            tool.close();
            watcher.close();
        }
        try {
            await("client threads to end", WAIT, () -> ourThreads().equals(threadsBefore));
        } catch (AssertionError e) {
            StringBuilder why = new StringBuilder(e.getMessage()).append("; before ").append(threadsBefore).append('\n');
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (ours(t.getName())) {
                    why.append(t.getName()).append(' ').append(t.getState()).append('\n');
                    for (StackTraceElement el : stack) why.append("    at ").append(el).append('\n');
                }
            });
            throw new AssertionError(why.toString());
        }
    }

    private static GroundingRequest request(String id) {
        return GroundingRequest.newBuilder().setRequestId(id).setExpression("the red cup").build();
    }

    private static long birthOf(Received r) {
        try {
            return ServiceStatus.parseFrom(r.message().getPayload()).getBirth();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long seqOf(Received r) {
        try {
            return DetectionFrame.parseFrom(r.message().getPayload()).getHeader().getSeq();
        } catch (Exception e) {
            return -1;
        }
    }
}
