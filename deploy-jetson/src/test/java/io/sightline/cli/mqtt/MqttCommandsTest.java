package io.sightline.cli.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.config.ConfigLoader;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.mqtt.GroundingSettings;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.Detection;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.GroundingTask;
import io.sightline.transport.v1.QuestionKind;
import io.sightline.transport.v1.ObjectHypothesis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `sightline ground` and `sightline watch` against a real embedded broker and a stand-in grounding service. */
class MqttCommandsTest {
    private static final String ROBOT = "clitest";
    private static EmbeddedBroker broker;
    private static SightlineMqttClient service;
    private static GroundingResponder responder;


    @BeforeAll
    static void startService() throws InterruptedException {
        broker = EmbeddedBroker.start(0);
        var config = ConfigLoader.mqttOnly().load(null, Map.of(), Map.of("mqtt.robot_id", ROBOT,
                "mqtt.grounding_timeout_ms", "3000")).mqtt();
        service = SightlineMqttClient.start(MqttSettings.service(config, broker.uri()));
        // stands in for the perception pipeline: red things are track 4, "slow" never answers in time
        responder = new GroundingResponder(service, r -> {
            if (r.getExpression().contains("slow")) {
                Thread.sleep(5000);
            }
            if (r.getTask() == GroundingTask.GROUNDING_TASK_DESCRIBE) {
                return GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_OK).setText("a red cup.").build();
            }
            if (r.getTask() == GroundingTask.GROUNDING_TASK_ASK) {
                return r.getExpression().startsWith("how many")
                        ? GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_OK).setCount(3)
                            .setQuestion(QuestionKind.QUESTION_KIND_COUNT).setText("3 (person 1, person 2, person 5)").build()
                        : GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_ERROR)
                            .setError("question form not supported").build();
            }
            return r.getExpression().contains("red")
                    ? GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_OK)
                        .setTarget(Detection.newBuilder().setTrackId(4).addHypotheses(ObjectHypothesis.newBuilder().setClassId("cup"))).build()
                    : GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_NO_MATCH)
                        .setError("no tracked object has the colour and shape asked for").build();
        }, GroundingSettings.of(config));
        assertThat(service.awaitReady(Duration.ofSeconds(10))).isTrue();
    }

    @AfterAll
    static void stop() {
        responder.close();
        service.close();
        broker.close();
    }

    @Test
    void groundPrintsTheResultAndMapsStatusToExitCode() {
        CliRun ok = CliRun.of("ground", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "the red cup");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("\"status\":\"GROUNDING_STATUS_OK\"").contains("\"trackId\":\"4\"");
        assertThat(ok.err()).contains("OK: track 4 (cup)");

        CliRun none = CliRun.of("ground", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "--camera", "cam0", "the green ball");
        assertThat(none.exitCode()).as(none.err()).isEqualTo(GroundCommand.EXIT_NO_MATCH);
        assertThat(none.err()).contains("NO_MATCH: nothing in view fits \"the green ball\" (no tracked object has the colour and shape asked for)");
    }

    @Test
    void askSendsTheTaskAndMapsTheAnswerToExitCodes() {
        CliRun count = CliRun.of("ask", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "how many people?");
        assertThat(count.exitCode()).as(count.err()).isZero();
        assertThat(count.out()).contains("\"count\":3").contains("\"task\":\"GROUNDING_TASK_ASK\"")
                .contains("\"question\":\"QUESTION_KIND_COUNT\"");
        assertThat(count.err()).startsWith("3 (person 1, person 2, person 5)");

        CliRun unsupported = CliRun.of("ask", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "why is the cup red?");
        assertThat(unsupported.exitCode()).isEqualTo(1);
        assertThat(unsupported.err()).startsWith("ERROR: question form not supported");

        CliRun described = CliRun.of("ask", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "--task", "describe");
        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.out()).contains("\"text\":\"a red cup.\"").contains("GROUNDING_TASK_DESCRIBE");

        CliRun detect = CliRun.of("ask", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "--task", "detect", "the green ball");
        assertThat(detect.exitCode()).isEqualTo(GroundCommand.EXIT_NO_MATCH);
        assertThat(detect.out()).contains("GROUNDING_TASK_DETECT");
        assertThat(CliRun.of("ask").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("ask", "--task", "explain", "x").exitCode()).isEqualTo(2);
    }

    @Test
    void groundTimesOutWithExitCode4() {
        CliRun nobody = CliRun.of("ground", "--mqtt-url", broker.uri(), "--robot-id", "nobody-serves-this", "--timeout", "800ms", "cup");
        assertThat(nobody.exitCode()).isEqualTo(GroundCommand.EXIT_TIMEOUT);
        assertThat(nobody.err()).contains("no GroundingResult within 800 ms");

        CliRun slow = CliRun.of("ground", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "--timeout", "1s", "the slow one");
        assertThat(slow.exitCode()).isEqualTo(GroundCommand.EXIT_TIMEOUT);
    }

    @Test
    void groundRejectsUsageErrorsAndAnUnreachableBroker() {
        assertThat(CliRun.of("ground").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("ground", "a", "b", "c").exitCode()).isEqualTo(2);
        CliRun offline = CliRun.of("ground", "scenes/demo", "the red cup");
        assertThat(offline.exitCode()).isEqualTo(2);
        assertThat(offline.err()).contains("offline grounding");
        CliRun down = CliRun.of("ground", "--mqtt-url", "tcp://127.0.0.1:" + freePort(), "--timeout", "2s", "cup");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach the MQTT broker");
    }

    @Test
    void watchPrintsDecodedRetainedStatus() {
        CliRun watch = CliRun.of("watch", "--mqtt-url", broker.uri(), "--robot-id", ROBOT, "--topic", "status", "--count", "1", "--for", "10s");
        assertThat(watch.exitCode()).as(watch.err()).isZero();
        assertThat(watch.out()).startsWith("sightline/v1/" + ROBOT + "/status retained {")
                .contains("\"state\":\"SERVICE_STATE_ONLINE\"").contains("\"birth\":\"1\"");
        assertThat(CliRun.of("watch", "--topic", "nonsense").exitCode()).isEqualTo(2);
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
