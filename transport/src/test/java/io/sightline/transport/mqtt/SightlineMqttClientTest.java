package io.sightline.transport.mqtt;

import static io.sightline.transport.mqtt.MqttTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.bench.SyntheticFrames;
import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.mqtt.MqttTestKit.RawClient;
import io.sightline.transport.mqtt.MqttTestKit.Received;
import io.sightline.transport.v1.Detection;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.Header;
import io.sightline.transport.v1.Health;
import io.sightline.transport.v1.SceneSnapshot;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.TrackEvent;
import io.sightline.transport.v1.TrackEventKind;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our client against a real broker: the embedded HiveMQ CE, started once for the class on a free port. */
class SightlineMqttClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Answers "red ..." with track 7, anything else with NO_MATCH, and counts calls. */
    static final class TableHandler implements GroundingHandler {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public GroundingResult ground(GroundingRequest request) {
            calls.incrementAndGet();
            if (request.getExpression().contains("red")) {
                return GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_OK)
                        .setTarget(Detection.newBuilder().setTrackId(7)).build();
            }
            return GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_NO_MATCH).build();
        }
    }

    private static GroundingRequest request(String id, String expression) {
        return GroundingRequest.newBuilder().setRequestId(id).setExpression(expression).setCameraId("cam0").build();
    }

    @Test
    void publishesEveryChannelWithTheTablesProperties() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        try (RawClient live = new RawClient(broker.uri(), true).subscribe(topics.all(), 1);
             SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot))) {
            assertThat(client.awaitReady(WAIT)).isTrue();
            client.updateStatus(ServiceStatus.newBuilder().setState(ServiceState.SERVICE_STATE_ONLINE).setBackendId("onnxruntime-cpu").build());
            Header header = Header.newBuilder().setCameraId("cam0").setSeq(1).build();
            client.publishDetections(new SyntheticFrames(robot, "cam0", 3, 1).frame(1));
            client.publishScene(SceneSnapshot.newBuilder().setHeader(header).setDescription("a red cup").build());
            client.publishEvent(TrackEvent.newBuilder().setHeader(header).setKind(TrackEventKind.TRACK_EVENT_KIND_NEW).build());
            client.publishHealth(Health.newBuilder().setFps(30).build());

            Received birth = live.next(WAIT, r -> r.topic().equals(topics.status()));
            ServiceStatus status = ServiceStatus.parseFrom(birth.message().getPayload());
            assertThat(status.getState()).isEqualTo(ServiceState.SERVICE_STATE_ONLINE);
            assertThat(status.getBirth()).isEqualTo(1);
            assertThat(status.getRobotId()).isEqualTo(robot);
            assertThat(birth.message().getQos()).isEqualTo(1);

            Received det = live.next(WAIT, r -> r.topic().equals(topics.detections("cam0")));
            assertThat(det.message().getQos()).isZero();
            assertThat(det.message().getProperties().getContentType()).isEqualTo("application/x-protobuf; type=sightline.v1.DetectionFrame");
            assertThat(det.message().getProperties().getMessageExpiryInterval()).isBetween(0L, 1L);
            assertThat(DetectionFrame.parseFrom(det.message().getPayload()).getDetectionsCount()).isEqualTo(3);

            Received event = live.next(WAIT, r -> r.topic().equals(topics.events("cam0")));
            assertThat(event.message().getQos()).isEqualTo(1);
            assertThat(TrackEvent.parseFrom(event.message().getPayload()).getKind()).isEqualTo(TrackEventKind.TRACK_EVENT_KIND_NEW);
            Received health = live.next(WAIT, r -> r.topic().equals(topics.health()));
            assertThat(health.message().getProperties().getMessageExpiryInterval()).isPositive();
            live.next(WAIT, r -> r.topic().equals(topics.scene("cam0")));
            await("all published", WAIT, () -> client.stats().outboxSize() == 0 && client.stats().published() >= 5);

            // A late subscriber sees exactly the retained channels: status, health, scene.
            try (RawClient late = new RawClient(broker.uri(), true).subscribe(topics.all(), 1)) {
                List<String> retained = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Received r = late.next(WAIT, x -> x.message().isRetained());
                    retained.add(r.topic());
                }
                assertThat(retained).containsExactlyInAnyOrder(topics.status(), topics.health(), topics.scene("cam0"));
                Thread.sleep(200);
                assertThat(late.received).noneMatch(r -> r.message().isRetained());
            }
        }
    }

    @Test
    void cleanCloseLeavesOfflineRetainedAndCrashLeavesTheWill() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
        assertThat(client.awaitReady(WAIT)).isTrue();
        client.close();
        try (RawClient late = new RawClient(broker.uri(), true).subscribe(topics.status(), 1)) {
            ServiceStatus s = ServiceStatus.parseFrom(late.next(WAIT, r -> true).message().getPayload());
            assertThat(s.getState()).isEqualTo(ServiceState.SERVICE_STATE_OFFLINE);
            assertThat(s.getBirth()).isEqualTo(1);
        }

        SightlineMqttClient crashing = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
        assertThat(crashing.awaitReady(WAIT)).isTrue();
        try (RawClient watcher = new RawClient(broker.uri(), true).subscribe(topics.status(), 1)) {
            assertThat(ServiceStatus.parseFrom(watcher.next(WAIT, r -> true).message().getPayload()).getState())
                    .isEqualTo(ServiceState.SERVICE_STATE_ONLINE);
            crashing.abandon();
            Received will = watcher.next(WAIT, r -> true);
            ServiceStatus s = ServiceStatus.parseFrom(will.message().getPayload());
            assertThat(s.getState()).isEqualTo(ServiceState.SERVICE_STATE_OFFLINE);
            assertThat(s.getBirth()).isZero();
            assertThat(s.getInstanceId()).isEqualTo(crashing.settings().clientId());
        }
    }

    /** A clean stop leaves no retained scene: an empty retained message removes it (MQTT 5.0 section 3.3.1.3). */
    @Test
    void cleanCloseClearsTheRetainedScenes() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
        assertThat(client.awaitReady(WAIT)).isTrue();
        for (String camera : List.of("cam0", "cam1")) {
            client.publishScene(SceneSnapshot.newBuilder().setHeader(Header.newBuilder().setCameraId(camera).setSeq(1))
                .setDescription("a red cup.").build());
        }
        await("scenes published", WAIT, () -> client.stats().outboxSize() == 0 && client.stats().published() >= 2);
        try (RawClient before = new RawClient(broker.uri(), true).subscribe(topics.scene("cam1"), 1)) {
            assertThat(SceneSnapshot.parseFrom(before.next(WAIT, r -> r.message().isRetained()).message().getPayload())
                .getDescription()).isEqualTo("a red cup.");
        }
        client.close();
        try (RawClient late = new RawClient(broker.uri(), true).subscribe(topics.all(), 1)) {
            Received status = late.next(WAIT, r -> r.topic().equals(topics.status()));
            assertThat(ServiceStatus.parseFrom(status.message().getPayload()).getState())
                .isEqualTo(ServiceState.SERVICE_STATE_OFFLINE);
            Thread.sleep(300);
            assertThat(late.received).noneMatch(r -> r.topic().startsWith(topics.scene("cam0").replace("/cam0", "/")));
        }
    }

    /**
     * A close while QoS 1 events still fill the broker's receive window: OFFLINE waits for the window instead of
     * being refused ("too many publishes in progress"), so a late subscriber finds it retained at once, not the
     * ONLINE of a session that has ended (the Will would say OFFLINE only after the will delay).
     */
    @Test
    void closeWithAFullInflightWindowStillLeavesOfflineRetained() throws Exception {
        for (int round = 0; round < 3; round++) {
            String robot = MqttTestKit.uniqueRobot();
            Topics topics = new Topics(robot);
            SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
            assertThat(client.awaitReady(WAIT)).isTrue();
            for (int i = 0; i < 2000; i++) {
                client.publishEvent(TrackEvent.newBuilder().setKind(TrackEventKind.TRACK_EVENT_KIND_NEW)
                        .setHeader(Header.newBuilder().setSeq(i).setCameraId("cam0")).build());
            }
            client.close(Duration.ofMillis(50));
            try (RawClient late = new RawClient(broker.uri(), true).subscribe(topics.status(), 1)) {
                ServiceStatus s = ServiceStatus.parseFrom(late.next(WAIT, r -> true).message().getPayload());
                assertThat(s.getState()).as("round %d", round).isEqualTo(ServiceState.SERVICE_STATE_OFFLINE);
            }
        }
    }

    /** Paho would give PUBLISHes topic aliases (HiveMQ allows them); the client turns them off on every connection. */
    @Test
    void publishesWithoutTopicAliases() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
        try {
            assertThat(client.awaitReady(WAIT)).isTrue();
            assertThat(client.outgoingTopicAliasMaximum()).isZero();
        } finally {
            client.close();
        }
    }

    @Test
    void groundingRoundTripIsIdempotentOnRepeats() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        TableHandler handler = new TableHandler();
        try (SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
             GroundingResponder responder = new GroundingResponder(service, handler, MqttTestKit.grounding(4096, 2000, 16, null));
             SightlineMqttClient tool = SightlineMqttClient.start(MqttTestKit.tool(broker.uri(), robot))) {
            GroundingRequester requester = new GroundingRequester(tool);
            assertThat(service.awaitReady(WAIT)).isTrue();
            assertThat(tool.awaitReady(WAIT)).isTrue();

            GroundingResult first = requester.request(request("r1", "the red cup"), WAIT).get(10, TimeUnit.SECONDS);
            assertThat(first.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
            assertThat(first.getRequestId()).isEqualTo("r1");
            assertThat(first.getTarget().getTrackId()).isEqualTo(7);
            assertThat(first.getExpression()).isEqualTo("the red cup");

            GroundingResult again = requester.request(request("r1", "the red cup"), WAIT).get(10, TimeUnit.SECONDS);
            assertThat(again).isEqualTo(first);
            GroundingResult other = requester.request(request("r2", "the green ball"), WAIT).get(10, TimeUnit.SECONDS);
            assertThat(other.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_NO_MATCH);
            assertThat(handler.calls).hasValue(2);
            assertThat(responder.counters().repeats()).isEqualTo(1);
        }
    }

    @Test
    void handlerFailuresAndSlowHandlersBecomeErrorAndTimeout() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        GroundingHandler flaky = r -> {
            if (r.getExpression().equals("slow")) {
                Thread.sleep(3000);
            }
            throw new IllegalStateException("decoder not loaded");
        };
        try (SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
             GroundingResponder responder = new GroundingResponder(service, flaky, MqttTestKit.grounding(4096, 300, 16, null));
             SightlineMqttClient tool = SightlineMqttClient.start(MqttTestKit.tool(broker.uri(), robot))) {
            GroundingRequester requester = new GroundingRequester(tool);
            assertThat(tool.awaitReady(WAIT) && service.awaitReady(WAIT)).isTrue();
            GroundingResult failed = requester.request(request("e1", "cup"), WAIT).get(10, TimeUnit.SECONDS);
            assertThat(failed.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
            assertThat(failed.getError()).contains("decoder not loaded");
            GroundingResult slow = requester.request(request("e2", "slow"), WAIT).get(10, TimeUnit.SECONDS);
            assertThat(slow.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_TIMEOUT);
            assertThat(slow.getError()).contains("300 ms");
        }
    }

    @Test
    void garbageAndOversizedRequestsGetErrorAndTheServiceKeepsServing() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        try (SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
             GroundingResponder responder = new GroundingResponder(service, new TableHandler(), MqttTestKit.grounding(256, 2000, 16, null));
             RawClient raw = new RawClient(broker.uri(), true).subscribe(topics.groundResponse("raw"), 1)) {
            assertThat(service.awaitReady(WAIT)).isTrue();
            byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x12, 0x01};
            raw.publish(topics.groundRequest(), garbage, topics.groundResponse("raw"), "c-garbage".getBytes(StandardCharsets.UTF_8));
            Received r1 = raw.next(WAIT, r -> true);
            assertThat(new String(r1.message().getProperties().getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("c-garbage");
            GroundingResult g1 = GroundingResult.parseFrom(r1.message().getPayload());
            assertThat(g1.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
            assertThat(g1.getError()).startsWith("malformed GroundingRequest");

            byte[] big = request("big", "x".repeat(300)).toByteArray();
            raw.publish(topics.groundRequest(), big, topics.groundResponse("raw"), "c-big".getBytes(StandardCharsets.UTF_8));
            GroundingResult g2 = GroundingResult.parseFrom(raw.next(WAIT, r -> true).message().getPayload());
            assertThat(g2.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
            assertThat(g2.getError()).contains("exceeds the limit of 256 bytes");

            raw.publish(topics.groundRequest(), request("", "cup").toByteArray(), topics.groundResponse("raw"), null);
            assertThat(GroundingResult.parseFrom(raw.next(WAIT, r -> true).message().getPayload()).getError())
                    .isEqualTo("request_id is empty");

            raw.publish(topics.groundRequest(), request("ok1", "red cup").toByteArray(), topics.groundResponse("raw"), null);
            assertThat(GroundingResult.parseFrom(raw.next(WAIT, r -> true).message().getPayload()).getStatus())
                    .isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
            assertThat(responder.counters().malformed()).isEqualTo(3);
            assertThat(responder.counters().requests()).isEqualTo(4);
        }
    }

    @Test
    void sharedSubscriptionServesEachRequestOnce() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        TableHandler a = new TableHandler();
        TableHandler b = new TableHandler();
        try (SightlineMqttClient s1 = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
             SightlineMqttClient s2 = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot));
             GroundingResponder r1 = new GroundingResponder(s1, a, MqttTestKit.grounding(4096, 2000, 16, "sightline"));
             GroundingResponder r2 = new GroundingResponder(s2, b, MqttTestKit.grounding(4096, 2000, 16, "sightline"));
             SightlineMqttClient tool = SightlineMqttClient.start(MqttTestKit.tool(broker.uri(), robot))) {
            GroundingRequester requester = new GroundingRequester(tool);
            assertThat(s1.awaitReady(WAIT) && s2.awaitReady(WAIT) && tool.awaitReady(WAIT)).isTrue();
            for (int i = 0; i < 10; i++) {
                assertThat(requester.request(request("s" + i, "red cup"), WAIT).get(10, TimeUnit.SECONDS).getStatus())
                        .isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
            }
            assertThat(a.calls.get() + b.calls.get()).isEqualTo(10);
        }
    }

    @Test
    void aSubscriberThatNeverReadsDoesNotStallPublishing() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        SyntheticFrames frames = new SyntheticFrames(robot, "cam0", 20, 3);
        List<DetectionFrame> batch = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            batch.add(frames.frame(i));
        }
        ExecutorService camera = Executors.newSingleThreadExecutor();
        try (Socket stalled = new Socket("127.0.0.1", broker.port());
             RawClient reader = new RawClient(broker.uri(), true).subscribe(topics.detections("cam0"), 0);
             SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service(broker.uri(), robot))) {
            subscribeWithoutReading(stalled, topics.all());
            assertThat(client.awaitReady(WAIT)).isTrue();
            Future<?> loop = camera.submit(() -> {
                for (DetectionFrame f : batch) {
                    client.publishDetections(f);
                    client.publishEvent(TrackEvent.newBuilder().setHeader(f.getHeader()).build());
                }
            });
            loop.get(30, TimeUnit.SECONDS); // liveness bound, not a timing assertion
            // QoS 0 frames of the burst may be dropped on the way (that is what QoS 0 allows under load); what must
            // hold is that publishing still reaches a reading subscriber: a frame published after the burst arrives
            DetectionFrame marker = frames.frame(3001);
            long offered = 2L * batch.size();
            Received last = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (last == null && System.nanoTime() < deadline) {
                client.publishDetections(marker);
                offered++;
                try {
                    last = reader.next(Duration.ofSeconds(1), r -> {
                        try {
                            return DetectionFrame.parseFrom(r.message().getPayload()).getHeader().getSeq() == 3001;
                        } catch (Exception e) {
                            return false;
                        }
                    });
                } catch (AssertionError notYet) {
                    // not delivered within a second: publish it again
                }
            }
            assertThat(last).isNotNull();
            // how many went out depends on the machine's speed; what must hold is that every message is accounted for:
            // sent, replaced by a newer one (latest-wins detections), dropped and counted, or still queued (at most one
            // in the publisher's hands). Status and health messages of the client's own also count as published.
            ClientStats s = client.stats();
            long accounted = s.published() + s.replaced() + s.outboxDropped() + s.publishFailures() + s.outboxSize();
            assertThat(accounted).isGreaterThanOrEqualTo(offered - 1);
            assertThat(s.published()).isPositive();
        } finally {
            camera.shutdownNow();
        }
    }

    /** MQTT 3.1.1 CONNECT + SUBSCRIBE written by hand; the socket is then never read. */
    private static void subscribeWithoutReading(Socket socket, String filter) throws Exception {
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(io.sightline.transport.broker.BrokerProbeAccess.connectPacket("stalled-" + MqttTestKit.uniqueRobot()));
        InputStream in = socket.getInputStream();
        assertThat(in.read()).isEqualTo(0x20);
        in.readNBytes(3);
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + 2 + f.length + 1;
        out.write(new byte[] {(byte) 0x82, (byte) remaining, 0, 1, (byte) (f.length >> 8), (byte) f.length});
        out.write(f);
        out.write(0); // QoS 0
        out.flush();
    }
}
