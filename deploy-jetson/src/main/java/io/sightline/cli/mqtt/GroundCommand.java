package io.sightline.cli.mqtt;

import io.sightline.cli.UserFacingException;
import io.sightline.transport.config.MqttConfig;
import io.sightline.transport.mqtt.GroundingRequester;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code sightline ground "<expression>"}: ask the running service, over MQTT, which object an
 * expression refers to. Two positionals ({@code ground <scene-or-image> "<expression>"}) are reserved for
 * the offline form, which runs the model locally instead.
 */
@Command(name = "ground", mixinStandardHelpOptions = true,
    header = "Ask the robot's service to ground an expression over MQTT 5 (or offline on a scene or image).",
    description = {
        "Send a GroundingRequest to the robot's Sightline service over MQTT 5",
        "(response topic + correlation data); print the GroundingResult as one",
        "JSON line on stdout and a summary on stderr.",
        "Two arguments (SCENE-OR-IMAGE EXPRESSION) = offline grounding: the frame",
        "(--frame N of a scene, or an image) runs through the model locally",
        "(--pack, --backend, --precision); no broker needed.",
        "Exit codes: 0 OK, 1 ERROR / UNAVAILABLE / broker unreachable, 2 usage",
        "error, 3 NO_MATCH, 4 timeout (no answer in time, or TIMEOUT from the",
        "service), 5 AMBIGUOUS."})
public final class GroundCommand implements java.util.concurrent.Callable<Integer> {
    public static final int EXIT_NO_MATCH = 3;
    public static final int EXIT_TIMEOUT = 4;
    public static final int EXIT_AMBIGUOUS = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    MqttOptions mqtt;

    @Parameters(index = "0", paramLabel = "EXPRESSION|SCENE",
        description = "the expression, e.g. \"the red cup behind the blue box\"; with a second argument, the scene folder or image")
    String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EXPRESSION",
        description = "the expression, when the first argument is a scene or image (offline form)")
    String second;

    @Mixin
    RequestOptions request;

    @Override
    public Integer call() throws InterruptedException {
        if (second != null) {
            return io.sightline.cli.replay.OfflineGround.run(java.nio.file.Path.of(first), second, request.frame, request.model,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        String expression = first;
        if (expression.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the expression is empty");
        }
        return RequestOptions.print(spec.commandLine(), send(mqtt, request.timeout, GroundingRequest.newBuilder()
            .setRequestId(request.requestId()).setExpression(expression).setCameraId(request.camera)), GroundCommand::summary);
    }

    /**
     * Sends {@code request} (its deadline set from {@code timeout}) to the service over MQTT 5 and waits for the answer;
     * a {@link UserFacingException} when the broker cannot be reached (exit 1) or no answer comes in time (exit 4).
     */
    static GroundingResult send(MqttOptions mqtt, Duration timeout, GroundingRequest.Builder request) throws InterruptedException {
        MqttConfig config = mqtt.mqtt();
        String uri = MqttOptions.brokerUri(config);
        long started = System.nanoTime();
        try (SightlineMqttClient client = SightlineMqttClient.start(MqttSettings.tool(config, uri, "ground"))) {
            GroundingRequester requester = new GroundingRequester(client);
            if (!client.awaitReady(timeout)) {
                String why = client.lastConnectError();
                if (why.isEmpty()) {
                    throw new UserFacingException("no answer from the broker at " + uri + " within " + timeout.toMillis() + " ms", EXIT_TIMEOUT);
                }
                throw new UserFacingException("cannot reach the MQTT broker at " + uri + ": " + why);
            }
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            Instant deadline = Instant.now().plus(left);
            request.setDeadline(Timestamp.newBuilder().setSeconds(deadline.getEpochSecond()).setNanos(deadline.getNano()));
            try {
                return requester.request(request.build(), left.isNegative() ? Duration.ZERO : left).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TimeoutException) {
                    throw new UserFacingException("no GroundingResult within " + timeout.toMillis() + " ms (is `sightline run` serving robot '"
                            + config.robotId() + "' on " + uri + "?)", EXIT_TIMEOUT);
                }
                throw new UserFacingException("grounding failed: " + e.getCause().getMessage());
            }
        }
    }

    /** One line for people: the status and the target or the reason (the CLI's stderr, the chat endpoint's answer). */
    public static String summary(GroundingResult r) {
        return switch (r.getStatus()) {
            case GROUNDING_STATUS_OK -> "OK: track " + r.getTarget().getTrackId()
                    + (r.getTarget().getHypothesesCount() > 0 ? " (" + r.getTarget().getHypotheses(0).getClassId() + ")" : "")
                    + ", " + r.getEvidenceCount() + " supporting relation(s), " + String.format("%.1f ms", r.getLatencyMs());
            case GROUNDING_STATUS_NO_MATCH -> "NO_MATCH: nothing in view fits \"" + r.getExpression() + "\""
                    + (r.getError().isBlank() ? "" : " (" + r.getError() + ")");
            case GROUNDING_STATUS_AMBIGUOUS -> "AMBIGUOUS: " + r.getCandidatesCount() + " candidates fit";
            default -> r.getStatus().name().replace("GROUNDING_STATUS_", "") + ": " + r.getError();
        };
    }

    static int exitCode(GroundingResult r) {
        return switch (r.getStatus()) {
            case GROUNDING_STATUS_OK -> 0;
            case GROUNDING_STATUS_NO_MATCH -> EXIT_NO_MATCH;
            case GROUNDING_STATUS_TIMEOUT -> EXIT_TIMEOUT;
            case GROUNDING_STATUS_AMBIGUOUS -> EXIT_AMBIGUOUS;
            default -> 1;
        };
    }
}
