package io.sightline.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import io.sightline.cli.testing.ShippedPack;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sightline run} end to end: the shipped pack on the bundled demo scene, publishing to an embedded
 * HiveMQ CE broker that a plain Paho client (not ours) subscribes to; and what bad input gets.
 */
class RunCommandTest {
    private static final String ROBOT = "runtest";



    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void publishesDetectionFramesOfTheDemoSceneAndStopsCleanly() throws Exception {
        Optional<Path> pack = ShippedPack.find();
        Assumptions.assumeTrue(pack.isPresent(), "no model pack in models/tabletop-vlm");
        Path scene = Path.of("..", "test-scenes", "demo", "seq-000");
        int port = freePort();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", "--scene", scene.toString(),
            "--pack", pack.get().toString(), "--backend", "onnxruntime", "--embedded-broker-port", String.valueOf(port),
            "--robot-id", ROBOT, "--for", "25s", "--no-status-line"));

        List<DetectionFrame> frames = new CopyOnWriteArrayList<>();
        List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
        MqttClient client = connectWhenUp("tcp://127.0.0.1:" + port, run);
        try {
            // the array form: Paho 1.2.5's subscribe(String, int, IMqttMessageListener) recurses into itself
            client.subscribe(new MqttSubscription[] {
                new MqttSubscription("sightline/v1/" + ROBOT + "/detections/+", 0), new MqttSubscription("sightline/v1/" + ROBOT + "/status", 1)},
                new IMqttMessageListener[] {
                    (topic, msg) -> frames.add(DetectionFrame.parseFrom(msg.getPayload())),
                    (topic, msg) -> statuses.add(ServiceStatus.parseFrom(msg.getPayload()))});
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (frames.size() < 20 && System.nanoTime() < deadline && !run.isDone()) {
                Thread.sleep(100);
            }
        } finally {
            client.disconnectForcibly(1000, 1000, false);
            client.close();
        }
        CliRun done = run.get(120, TimeUnit.SECONDS);
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(done.err()).contains("sightline run: ").contains("stopping");

        assertThat(frames).as("DetectionFrames on sightline/v1/%s/detections/+", ROBOT).hasSizeGreaterThanOrEqualTo(20);
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.getBackendId()).startsWith("onnxruntime");
            assertThat(f.getModelId()).contains("tabletop");
            assertThat(f.getImageWidth()).isEqualTo(640);
            assertThat(f.getTimings().getTotalMs()).isPositive();
        });
        // the demo scene has 3..8 objects in every frame: a trained pack finds some in most frames
        long withObjects = frames.stream().filter(f -> f.getDetectionsCount() > 0).count();
        assertThat(withObjects).isGreaterThanOrEqualTo(frames.size() * 8L / 10);
        assertThat(frames.stream().flatMap(f -> f.getDetectionsList().stream()))
            .allSatisfy(d -> assertThat(d.getHypothesesList()).isNotEmpty());
        assertThat(statuses).extracting(ServiceStatus::getState).contains(ServiceState.SERVICE_STATE_ONLINE);
    }

    @Test
    void aMissingPackIsARuntimeErrorThatNamesIt() {
        CliRun r = CliRun.of("run", "--pack", "/nonexistent/pack", "--embedded-broker-port", String.valueOf(freePort()),
            "--robot-id", ROBOT, "--for", "1s", "--no-status-line");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("/nonexistent/pack");
    }

    @Test
    void usageAndConfigurationErrorsExitWith2() {
        CliRun bothSources = CliRun.of("run", "--scene", "a", "--source", "b");
        assertThat(bothSources.exitCode()).isEqualTo(2);
        CliRun badPrecision = CliRun.of("run", "--precision", "fp64", "--for", "1s");
        assertThat(badPrecision.exitCode()).as(badPrecision.err()).isEqualTo(2);
        assertThat(badPrecision.err()).contains("fp64");
        CliRun missingConfig = CliRun.of("run", "--config", "/nonexistent/sightline.yaml", "--for", "1s");
        assertThat(missingConfig.exitCode()).as(missingConfig.err()).isEqualTo(2);
        assertThat(missingConfig.err()).contains("/nonexistent/sightline.yaml");
        CliRun halfCalibration = CliRun.of("run", "--camera-info", "/tmp/camera_info.yaml", "--for", "1s");
        assertThat(halfCalibration.exitCode()).as(halfCalibration.err()).isEqualTo(2);
        assertThat(halfCalibration.err()).contains("--extrinsics").contains("/tmp/camera_info.yaml");
        CliRun badThreads = CliRun.of("run", "--threads", "-1", "--for", "1s");
        assertThat(badThreads.exitCode()).as(badThreads.err()).isEqualTo(2);
        assertThat(badThreads.err()).contains("model.threads");
        CliRun badHttpPort = CliRun.of("run", "--http-port", "70000", "--for", "1s");
        assertThat(badHttpPort.exitCode()).as(badHttpPort.err()).isEqualTo(2);
        assertThat(badHttpPort.err()).contains("http.port");
    }

    @Test
    void topLevelHelpListsEveryCommandWithAWholeSentence() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        String commands = help.out().substring(help.out().indexOf("Commands:"));
        // each entry of the command list is one summary that ends its sentence (picocli wraps long ones; a cut
        // description reads "print each message as" and breaks "mAP@0.5" into "mAP@0. 5")
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (String line : commands.lines().skip(1).toList()) {
            if (line.startsWith("  ") && !line.startsWith("    ")) {
                entries.add(line.strip());
            } else if (!entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        assertThat(entries).hasSizeGreaterThanOrEqualTo(10).allSatisfy(e -> assertThat(e).endsWith("."));
        assertThat(help.out()).doesNotContain("mAP@0. 5");
    }

    @Test
    void tlsMistakesExitWith2NamingTheKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path plainUrl = java.nio.file.Files.writeString(dir.resolve("plain.yaml"),
            "mqtt:\n  url: tcp://127.0.0.1:1883\n  tls:\n    enabled: true\n");
        CliRun plain = CliRun.of("run", "--config", plainUrl.toString(), "--for", "1s", "--no-status-line");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(2);
        assertThat(plain.err()).contains("mqtt.tls.enabled");

        Path store = dir.resolve("trust.p12");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var out = java.nio.file.Files.newOutputStream(store)) {
            ks.store(out, "right-pass".toCharArray());
        }
        Path wrongPassword = java.nio.file.Files.writeString(dir.resolve("wrong.yaml"), "mqtt:\n  url: ssl://127.0.0.1:8883\n"
            + "  tls:\n    trust_store: " + store + "\n    trust_store_password: wrong-pass\n");
        CliRun wrong = CliRun.of("run", "--config", wrongPassword.toString(), "--for", "1s", "--no-status-line");
        assertThat(wrong.exitCode()).as(wrong.err()).isEqualTo(2);
        assertThat(wrong.err()).contains("mqtt.tls.trust_store_password").doesNotContain("wrong-pass");
    }

    @Test
    void helpSaysWhatItDoes() {
        CliRun help = CliRun.of("run", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--embedded-broker-port").contains("--scene").contains("--precision")
            .contains("Ctrl-C / SIGTERM");
    }

    /** Connects once the run command's embedded broker listens; fails early if the command already ended. */
    static MqttClient connectWhenUp(String uri, CompletableFuture<CliRun> run) throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            MqttClient client = new MqttClient(uri, "runtest-subscriber-" + System.nanoTime(), new MemoryPersistence());
            try {
                client.connect(options);
                return client;
            } catch (MqttException e) {
                client.close();
                if (run.isDone()) {
                    CliRun r = run.get();
                    throw new AssertionError("run ended before its broker answered: exit " + r.exitCode() + "\n" + r.err());
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
