package io.sightline.perception.service;

import io.sightline.perception.grounding.TaskAnswer;
import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.SceneTasks;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.mqtt.GroundingHandler;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.GroundingTask;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers GroundingRequests from MQTT on the latest processed frame of this service's one camera, by task: GROUND
 * (and an unset task) with the {@link Grounder}, DETECT / DESCRIBE / ASK with the {@link SceneTasks}; a task it does not
 * know is ERROR with the reason. Called by transport's responder on its worker thread, one request at a time;
 * request id, expression and latency are filled in there, deadlines are enforced there too. The HTTP port asks too
 * ({@link PerceptionService#ground}): requests are answered one at a time whoever asks.
 */
public final class GroundingService implements GroundingHandler {
    private final Optional<Grounder> grounder;
    private final String unavailable;
    private final Supplier<Optional<ProcessedFrame>> latest;
    private final ProtoMapper mapper;
    private final SceneTasks tasks;
    private final Map<GroundingStatus, Long> answered = new EnumMap<>(GroundingStatus.class);
    private final Map<GroundingTask, Map<GroundingStatus, Long>> byTask = new EnumMap<>(GroundingTask.class);

    /**
     * @param grounder    empty for a pack without a language decoder: every request is answered UNAVAILABLE
     * @param unavailable why there is no grounder (the answer's error text)
     * @param latest      the latest processed frame, empty before the first
     * @param tasks       DETECT, DESCRIBE and ASK on that frame (no language decoder needed)
     */
    public GroundingService(Optional<Grounder> grounder, String unavailable, Supplier<Optional<ProcessedFrame>> latest,
                            ProtoMapper mapper, SceneTasks tasks) {
        this.tasks = tasks;
        this.grounder = grounder;
        this.unavailable = unavailable;
        this.latest = latest;
        this.mapper = mapper;
    }

    @Override
    public synchronized GroundingResult ground(GroundingRequest request) {
        GroundingResult result = answer(request);
        synchronized (answered) {
            answered.merge(result.getStatus(), 1L, Long::sum);
            GroundingTask task = request.getTask() == GroundingTask.UNRECOGNIZED ? GroundingTask.GROUNDING_TASK_UNSPECIFIED
                : GroundingResponder.task(request);
            byTask.computeIfAbsent(task, k -> new EnumMap<>(GroundingStatus.class)).merge(result.getStatus(), 1L, Long::sum);
        }
        return result;
    }

    /**
     * Requests answered since start by task and status (an ERROR answer is a request not answered: an unsupported
     * question, unknown words, an empty one...); a task value this service does not know counts under UNSPECIFIED.
     */
    public Map<GroundingTask, Map<GroundingStatus, Long>> answeredByTask() {
        synchronized (answered) {
            Map<GroundingTask, Map<GroundingStatus, Long>> m = new EnumMap<>(GroundingTask.class);
            byTask.forEach((k, v) -> m.put(k, new EnumMap<>(v)));
            return m;
        }
    }

    /** Requests answered since start, by the answer's status (MATCH, NO_MATCH, AMBIGUOUS, UNAVAILABLE, ERROR). */
    public Map<GroundingStatus, Long> answered() {
        synchronized (answered) {
            return new EnumMap<>(answered);
        }
    }

    private GroundingResult answer(GroundingRequest request) {
        String camera = request.getCameraId();
        if (!camera.isEmpty() && !camera.equals(mapper.cameraId())) {
            return ProtoMapper.failure(GroundingStatus.GROUNDING_STATUS_ERROR, "unknown camera_id '" + camera
                + "'; this service serves camera '" + mapper.cameraId() + "' (empty = that one)");
        }
        GroundingTask task = GroundingResponder.task(request);
        if (task == GroundingTask.UNRECOGNIZED) {
            return ProtoMapper.failure(GroundingStatus.GROUNDING_STATUS_ERROR, "task " + request.getTaskValue()
                + " is not supported by this service; it answers GROUND, DETECT, DESCRIBE and ASK");
        }
        if (task != GroundingTask.GROUNDING_TASK_GROUND) {
            Optional<ProcessedFrame> frame = latest.get();
            if (frame.isEmpty()) {
                return ProtoMapper.failure(GroundingStatus.GROUNDING_STATUS_UNAVAILABLE,
                    "no frame processed yet on camera '" + mapper.cameraId() + "'; try again shortly");
            }
            FrameOutcome f = frame.get().outcome();
            TaskAnswer a = switch (task) {
                case GROUNDING_TASK_DETECT -> tasks.detect(f, request.getExpression());
                case GROUNDING_TASK_DESCRIBE -> tasks.describe(f);
                default -> tasks.ask(f, request.getExpression());
            };
            return mapper.taskResult(a, f, frame.get().captureEpochMs());
        }
        if (grounder.isEmpty()) {
            return ProtoMapper.failure(GroundingStatus.GROUNDING_STATUS_UNAVAILABLE, unavailable);
        }
        Optional<ProcessedFrame> frame = latest.get();
        if (frame.isEmpty()) {
            return ProtoMapper.failure(GroundingStatus.GROUNDING_STATUS_UNAVAILABLE,
                "no frame processed yet on camera '" + mapper.cameraId() + "'; try again shortly");
        }
        Grounder.Answer answer = grounder.get().ground(frame.get().outcome(), request.getExpression());
        return mapper.groundingResult(answer, frame.get().outcome(), frame.get().captureEpochMs());
    }
}
