package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.Header;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet bridge example (deploy-jetson/src/main/dist/conf/mosquitto-bridge.conf) on two Mosquitto instances
 * started here on free loopback ports: a grounding question asked on the fleet broker reaches the service on the
 * robot's broker and its answer comes back through the bridge, and a DetectionFrame the service publishes reaches a
 * subscriber on the fleet broker. Skipped without mosquitto on PATH.
 */
class MosquittoBridgeExampleTest {
    private static final Path BRIDGE = Path.of("../deploy-jetson/src/main/dist/conf/mosquitto-bridge.conf");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void groundingRoundTripsAcrossTheShippedBridge(@TempDir Path dir) throws Exception {
        Optional<Path> mosquitto = MqttTestKit.executable("mosquitto");
        assumeTrue(mosquitto.isPresent(), "mosquitto is not on PATH");
        String robot = MqttTestKit.uniqueRobot();
        int fleetPort = freePort();
        int robotPort = freePort();
        String head = "user " + System.getProperty("user.name") + "\nallow_anonymous true\npersistence false\n";
        Path fleetConf = dir.resolve("fleet.conf");
        Files.writeString(fleetConf, head + "listener " + fleetPort + " 127.0.0.1\n");
        String bridge = Files.readString(BRIDGE).replace("robot1", robot)
                .replace("fleet.example:8883", "127.0.0.1:" + fleetPort).replaceAll("(?m)^bridge_cafile.*$", "");
        Path robotConf = dir.resolve("robot.conf");
        Files.writeString(robotConf, head + "listener " + robotPort + " 127.0.0.1\n" + bridge);
        Process fleet = start(mosquitto.get(), fleetConf, dir.resolve("fleet.log"));
        Process robotBroker = start(mosquitto.get(), robotConf, dir.resolve("robot.log"));
        try {
            MqttTestKit.await("both brokers to listen", WAIT, () -> MqttTestKit.accepts(fleetPort) && MqttTestKit.accepts(robotPort));
            MqttTestKit.await("the bridge to connect to the fleet broker", WAIT,
                    () -> read(dir.resolve("fleet.log")).contains("sightline-" + robot + "-bridge"));
            var config = MqttTestKit.config(robot, Map.of());
            try (SightlineMqttClient service = SightlineMqttClient.start(
                         MqttSettings.service(config, "tcp://127.0.0.1:" + robotPort));
                 GroundingResponder responder = new GroundingResponder(service, new SightlineMqttClientTest.TableHandler(),
                         GroundingSettings.of(config));
                 SightlineMqttClient planner = SightlineMqttClient.start(
                         MqttSettings.tool(config, "tcp://127.0.0.1:" + fleetPort, "planner"))) {
                assertThat(service.awaitReady(WAIT) && planner.awaitReady(WAIT)).isTrue();
                GroundingResult answer = new GroundingRequester(planner).request(GroundingRequest.newBuilder()
                        .setRequestId("bridge-1").setExpression("the red cup").build(), WAIT).get(15, TimeUnit.SECONDS);
                assertThat(answer.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(responder.counters().requests()).isEqualTo(1);

                long seq = 1 + new java.util.Random().nextInt(1_000_000);
                java.util.List<DetectionFrame> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
                planner.subscribe(new Topics(robot).all(), Qos.AT_LEAST_ONCE, m -> {
                    if (m.topic().contains("/detections/")) {
                        try {
                            frames.add(DetectionFrame.parseFrom(m.payload()));
                        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                MqttTestKit.await("a DetectionFrame on the fleet broker", WAIT, () -> {
                    service.publishDetections(DetectionFrame.newBuilder().setHeader(Header.newBuilder().setCameraId("cam0").setSeq(seq)).build());
                    return frames.stream().anyMatch(f -> f.getHeader().getSeq() == seq);
                });
            }
        } finally {
            robotBroker.destroy();
            fleet.destroy();
            robotBroker.waitFor(5, TimeUnit.SECONDS);
            fleet.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Process start(Path mosquitto, Path conf, Path log) throws Exception {
        return new ProcessBuilder(mosquitto.toString(), "-v", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
