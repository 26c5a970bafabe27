package io.sightline.perception.service;

import io.sightline.perception.pipeline.Grounder;
import io.sightline.transport.mqtt.GroundingHandler;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers GroundingRequests from MQTT with the {@link Grounder} on the latest processed frame of this
 * service's one camera. Called by transport's responder on its worker thread, one request at a time;
 * request id, expression and latency are filled in there, deadlines are enforced there too. The HTTP port asks too
 * ({@link PerceptionService#ground}): requests are answered one at a time whoever asks.
 */
public final class GroundingService implements GroundingHandler {
    private final Optional<Grounder> grounder;
    private final String unavailable;
    private final Supplier<Optional<ProcessedFrame>> latest;
    private final ProtoMapper mapper;
    private final Map<GroundingStatus, Long> answered = new EnumMap<>(GroundingStatus.class);

    /**
     * @param grounder    empty for a pack without a language decoder: every request is answered UNAVAILABLE
     * @param unavailable why there is no grounder (the answer's error text)
     * @param latest      the latest processed frame, empty before the first
     */
    public GroundingService(Optional<Grounder> grounder, String unavailable, Supplier<Optional<ProcessedFrame>> latest,
                            ProtoMapper mapper) {
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
        }
        return result;
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
