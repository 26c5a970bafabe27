package io.sightline.cli.mqtt;

import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingTask;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sightline ask "<question>"}: a planner's question (or, with {@code --task}, a DETECT phrase list or DESCRIBE)
 * answered by the running service over MQTT from its tracked objects; with a scene or image first, answered offline
 * on that frame by the same task code.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
    header = "Ask the robot's service a question over MQTT 5: is there / how many / where is / what colour (or offline).",
    description = {
        "Send a GroundingRequest with task ASK (or --task detect|describe) to the",
        "robot's Sightline service; print the GroundingResult as one JSON line on",
        "stdout and the answer on stderr. Questions read: \"is there a cup?\",",
        "\"how many people?\", \"where is the laptop?\", \"what colour is the car?\";",
        "anything else is answered ERROR with the reason.",
        "Two arguments (SCENE-OR-IMAGE QUESTION) = offline: the frame runs through",
        "the model locally (--pack, --frame); no broker needed.",
        "Exit codes: 0 answered (a \"no\" and a count of 0 are answers), 1 ERROR /",
        "UNAVAILABLE / broker unreachable, 2 usage error, 3 NO_MATCH (the object",
        "asked about is not in view), 4 timeout, 5 AMBIGUOUS (several fit)."})
public final class AskCommand implements java.util.concurrent.Callable<Integer> {
    /** The tasks this command sends. */
    enum Task {
        ask(GroundingTask.GROUNDING_TASK_ASK), detect(GroundingTask.GROUNDING_TASK_DETECT), describe(GroundingTask.GROUNDING_TASK_DESCRIBE);

        final GroundingTask wire;

        Task(GroundingTask wire) {
            this.wire = wire;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    MqttOptions mqtt;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUESTION|SCENE",
        description = "the question, e.g. \"how many people?\"; with a second argument, the scene folder or image")
    String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "QUESTION", description = "the question, after a scene or image (offline form)")
    String second;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "ask",
        description = "ask (default), detect (QUESTION = phrases, \"person ; red car\"; none = every object) or describe (no QUESTION)")
    Task task;

    @Mixin
    RequestOptions request;

    @Override
    public Integer call() throws InterruptedException {
        String question = second != null ? second : first == null ? "" : first;
        if (question.isBlank() && task == Task.ask) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the question is empty");
        }
        GroundingRequest.Builder wire = GroundingRequest.newBuilder().setTask(task.wire).setRequestId(request.requestId())
            .setExpression(task == Task.describe ? "" : question).setCameraId(request.camera);
        if (second != null) {
            return io.sightline.cli.replay.OfflineGround.task(java.nio.file.Path.of(first), wire.build(), request.frame, request.model,
                spec.commandLine().getOut(), spec.commandLine().getErr(), GroundCommand::exitCode, AskCommand::summary);
        }
        return RequestOptions.print(spec.commandLine(), GroundCommand.send(mqtt, request.timeout, wire), AskCommand::summary);
    }

    /** One line for people: the answer's text, or the status and reason (the CLI's stderr, the chat endpoint's answer). */
    public static String summary(GroundingResult r) {
        String status = r.getStatus().name().replace("GROUNDING_STATUS_", "");
        return switch (r.getStatus()) {
            case GROUNDING_STATUS_OK -> r.getText().isEmpty() ? GroundCommand.summary(r) : r.getText();
            case GROUNDING_STATUS_AMBIGUOUS -> status + ": " + (r.getText().isEmpty() ? r.getCandidatesCount() + " candidates fit" : r.getText())
                + (r.getError().isEmpty() ? "" : " (" + r.getError() + ")");
            default -> status + ": " + r.getError();
        } + (r.getLatencyMs() > 0 ? String.format(Locale.ROOT, " [%.1f ms]", r.getLatencyMs()) : "");
    }
}
