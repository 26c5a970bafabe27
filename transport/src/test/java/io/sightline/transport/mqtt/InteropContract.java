package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.transport.bench.SyntheticFrames;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against clients nobody here wrote: mosquitto_sub/mosquitto_pub (MQTT 5) and the Debian
 * protoc decoding payloads with the .proto files alone. Each broker we support runs this contract.
 */
abstract class InteropContract {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;

    abstract String host();

    abstract int port();

    String uri() {
        return "tcp://" + host() + ":" + port();
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void mosquittoSubReceivesADetectionFrameThatProtocDecodes() throws Exception {
        assumeTrue(onPath("mosquitto_sub") && onPath("protoc"), "mosquitto_sub or protoc not installed");
        String robot = MqttTestKit.uniqueRobot();
        Path payload = dir.resolve("frame.bin");
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", host(), "-p", String.valueOf(port()), "-V", "mqttv5",
                "-t", new Topics(robot).detections("cam0"), "-C", "1", "-N", "-W", "15")
                .redirectOutput(payload.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service(uri(), robot))) {
            SyntheticFrames frames = new SyntheticFrames(robot, "cam0", 20, 5);
            // QoS 0 and no retain: publish until mosquitto_sub, which subscribes at its own pace, has one.
            for (long seq = 42; sub.isAlive() && seq < 42 + 100; seq++) {
                client.publishDetections(frames.frame(seq));
                sub.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        assertThat(sub.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sub.exitValue()).isZero();

        String text = protocDecode("sightline.v1.DetectionFrame", "sightline/v1/detection.proto", payload);
        assertThat(text).contains("camera_id: \"cam0\"").contains("robot_id: \"" + robot + "\"")
                .contains("class_id: \"cup\"").contains("position_frame_id: \"base_link\"")
                .contains("track_state: TRACK_STATE_CONFIRMED").contains("predicate: PREDICATE_LEFT_OF");
        assertThat(Pattern.compile("(?m)^detections \\{").matcher(text).results().count()).isEqualTo(20);
        Matcher seq = Pattern.compile("seq: (\\d+)").matcher(text);
        assertThat(seq.find()).isTrue();
        assertThat(Long.parseLong(seq.group(1))).isGreaterThanOrEqualTo(42);
    }

    @Test
    void mosquittoPubWithAResponseTopicGetsAGroundingResult() throws Exception {
        assumeTrue(onPath("mosquitto_sub") && onPath("mosquitto_pub"), "mosquitto clients not installed");
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        String replyTo = "interop/" + robot + "/reply";
        Path request = dir.resolve("request.bin");
        Files.write(request, GroundingRequest.newBuilder().setRequestId("mosq-1").setExpression("the red cup").build().toByteArray());
        Path answer = dir.resolve("answer.bin");
        SightlineMqttClientTest.TableHandler handler = new SightlineMqttClientTest.TableHandler();
        try (SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(uri(), robot));
             // a reply topic outside the robot's root: allowed by mqtt.response_topic_prefixes
             GroundingResponder responder = new GroundingResponder(service, handler, GroundingSettings.of(
                     MqttTestKit.config(robot, Map.of("mqtt.response_topic_prefixes", "interop/"))))) {
            assertThat(service.awaitReady(WAIT)).isTrue();
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", host(), "-p", String.valueOf(port()), "-V", "mqttv5",
                    "-t", replyTo, "-C", "1", "-N", "-W", "15", "-F", "%D|%C|%p")
                    .redirectOutput(answer.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // mosquitto_sub gives no sign that it has subscribed; resend the same request_id until it has
            // an answer, which also exercises the responder's idempotence.
            int sent = 0;
            while (sub.isAlive() && sent < 30) {
                int rc = new ProcessBuilder("mosquitto_pub", "-h", host(), "-p", String.valueOf(port()), "-V", "mqttv5",
                        "-q", "1", "-t", topics.groundRequest(), "-f", request.toString(),
                        "-D", "PUBLISH", "response-topic", replyTo, "-D", "PUBLISH", "correlation-data", "corr-77")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                assertThat(rc).as("mosquitto_pub exit code").isZero();
                sent++;
                sub.waitFor(300, TimeUnit.MILLISECONDS);
            }
            assertThat(sub.waitFor(5, TimeUnit.SECONDS)).isTrue();
            byte[] out = Files.readAllBytes(answer);
            // -F "%D|%C|%p": correlation data, content type, then the raw payload
            String prefix = "corr-77|application/x-protobuf; type=sightline.v1.GroundingResult|";
            assertThat(new String(out, 0, Math.min(out.length, prefix.length()), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(prefix);
            byte[] body = java.util.Arrays.copyOfRange(out, prefix.length(), out.length);
            GroundingResult result = GroundingResult.parseFrom(body);
            assertThat(result.getRequestId()).isEqualTo("mosq-1");
            assertThat(result.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
            assertThat(result.getTarget().getTrackId()).isEqualTo(7);
            assertThat(handler.calls).hasValue(1);
            assertThat(responder.counters().requests()).isEqualTo(sent);
        }
    }

    private String protocDecode(String type, String file, Path payload) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("protoc", "--decode", type, "-I", "src/main/proto", file));
        Process p = new ProcessBuilder(cmd).redirectInput(payload.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("protoc: " + out).isZero();
        return out;
    }
}
