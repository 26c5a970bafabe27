package io.sightline.perception.service;

import com.google.protobuf.Timestamp;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.geometry.ObjectSize;
import io.sightline.perception.grounding.GroundingOutcome;
import io.sightline.perception.grounding.TaskAnswer;
import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.ObjectResult;
import io.sightline.perception.pipeline.PerceptionResult;
import io.sightline.perception.pipeline.RelationStage;
import io.sightline.perception.pipeline.StageTimings;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.source.SourceInfo;
import io.sightline.perception.source.SourceStatus;
import io.sightline.perception.source.SourceUris;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.v1.Attribute;
import io.sightline.transport.v1.BoundingBox2D;
import io.sightline.transport.v1.Detection;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.Header;
import io.sightline.transport.v1.Health;
import io.sightline.transport.v1.ObjectHypothesis;
import io.sightline.transport.v1.Point3;
import io.sightline.transport.v1.QuestionKind;
import io.sightline.transport.v1.YesNo;
import io.sightline.transport.v1.Predicate;
import io.sightline.transport.v1.SceneSnapshot;
import io.sightline.transport.v1.SourceReport;
import io.sightline.transport.v1.TrackEvent;
import io.sightline.transport.v1.TrackEventKind;
import io.sightline.transport.v1.TrackState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one boundary where perception's domain records become {@code sightline.v1} wire messages
 * (ARCHITECTURE.md section 2: transport owns the schema, perception maps to it here and nowhere else).
 *
 * <p>Choices made here: a detection's class id is its shape ("cup") and its colour an {@link Attribute}
 * {@code color}, both with the detection score (the dense head gives one score for the pair); positions
 * are in {@code base_link} (REP-103), with the object's estimated width and height where the frame sized it (detection
 * frames and scene snapshots; track events carry the track alone, without a size); pixel data is in the frame {@code camera_optical}. The pipeline times
 * tracking, ground-plane geometry and relations as one stage ({@link StageTimings#postNanos()}), so it goes
 * into {@code track_ms} and {@code geometry_ms}/{@code relations_ms} stay 0; dense-head and language
 * decoding both go into {@code decode_ms}.
 */
public final class ProtoMapper {
    public static final String PIXEL_FRAME = "camera_optical";
    public static final String COLOUR_ATTRIBUTE = "color";
    public static final String BASE_LINK = "base_link";

    private final String robotId;
    private final String cameraId;
    private final String modelId;
    private final String backendId;

    /**
     * @param modelId   pack name@version
     * @param backendId short backend id, e.g. "onnxruntime-cpu-fp32"
     */
    public ProtoMapper(String robotId, String cameraId, String modelId, String backendId) {
        this.robotId = robotId;
        this.cameraId = cameraId;
        this.modelId = modelId;
        this.backendId = backendId;
    }

    public String cameraId() {
        return cameraId;
    }

    public String modelId() {
        return modelId;
    }

    public String backendId() {
        return backendId;
    }

    /** Header of a frame: its capture time, this service's camera and robot, the frame's seq. */
    public Header header(long seq, long captureEpochMs) {
        return Header.newBuilder().setStamp(timestamp(Instant.ofEpochMilli(captureEpochMs))).setFrameId(PIXEL_FRAME)
            .setCameraId(cameraId).setSeq(seq).setRobotId(robotId).build();
    }

    /**
     * Everything seen in one frame.
     *
     * @param frame          the pipeline's outcome of that frame (result + every live track)
     * @param captureEpochMs the frame's capture wall-clock time
     * @param droppedFrames  cumulative frames dropped by latest-frame-wins on this camera
     * @param publishNanos   time spent publishing the frame's other messages before this one (measured by the caller)
     */
    public DetectionFrame detectionFrame(FrameOutcome frame, long captureEpochMs, long droppedFrames, long publishNanos) {
        PerceptionResult r = frame.result();
        Map<Long, TrackedObject> byId = tracksById(frame.tracks());
        DetectionFrame.Builder b = DetectionFrame.newBuilder().setHeader(header(r.seq(), captureEpochMs))
            .setTimings(timings(r.timings(), publishNanos)).setFrameAgeMs(ms(r.ageNanos() + publishNanos))
            .setModelId(modelId).setBackendId(backendId).setDroppedFrames(droppedFrames)
            .setImageWidth(r.width()).setImageHeight(r.height());
        for (ObjectResult o : r.objects()) {
            b.addDetections(detection(o, byId, r.width(), r.height()));
        }
        for (SpatialRelation rel : r.relations()) {
            b.addRelations(relation(rel));
        }
        return b.build();
    }

    /** The retained picture of the scene: the objects in view (confirmed and matched), their relations, the sentence. */
    public SceneSnapshot sceneSnapshot(FrameOutcome frame, long captureEpochMs) {
        PerceptionResult r = frame.result();
        SceneSnapshot.Builder b = SceneSnapshot.newBuilder().setHeader(header(r.seq(), captureEpochMs))
            .setDescription(r.description());
        Map<Long, ObjectSize> sizes = new HashMap<>();
        for (ObjectResult o : r.objects()) {
            if (o.trackId().isPresent() && o.size().isPresent()) {
                sizes.put(o.trackId().getAsLong(), o.size().get());
            }
        }
        for (TrackedObject t : RelationStage.inView(frame.tracks())) {
            Detection.Builder d = detection(t, r.width(), r.height()).toBuilder();
            size(d, Optional.ofNullable(sizes.get((long) t.trackId())));
            b.addObjects(d);
        }
        for (SpatialRelation rel : r.relations()) {
            b.addRelations(relation(rel));
        }
        return b.build();
    }

    /** A track life-cycle event of the tracker, with the track's latest detection. */
    public TrackEvent trackEvent(io.sightline.perception.tracking.TrackEvent e, int width, int height, long captureEpochMs) {
        TrackEventKind kind = switch (e.kind()) {
            case NEW -> TrackEventKind.TRACK_EVENT_KIND_NEW;
            case UPDATE -> TrackEventKind.TRACK_EVENT_KIND_UPDATE;
            case END -> TrackEventKind.TRACK_EVENT_KIND_END;
        };
        return TrackEvent.newBuilder().setHeader(header(e.seq(), captureEpochMs)).setKind(kind)
            .setDetection(detection(e.track(), width, height)).build();
    }

    /** A grounding answer on {@code frame}; request id, expression and latency are set by the responder. */
    public GroundingResult groundingResult(Grounder.Answer answer, FrameOutcome frame, long captureEpochMs) {
        GroundingOutcome o = answer.outcome();
        PerceptionResult r = frame.result();
        GroundingResult.Builder b = GroundingResult.newBuilder().setHeader(header(answer.seq(), captureEpochMs))
            .setStatus(status(o.status()));
        o.target().ifPresent(t -> b.setTarget(detection(t, r.width(), r.height())));
        if (o.status() == io.sightline.perception.grounding.GroundingStatus.AMBIGUOUS) {
            for (TrackedObject c : o.candidates()) {
                b.addCandidates(detection(c, r.width(), r.height()));
            }
        }
        for (SpatialRelation s : o.evidence()) {
            b.addEvidence(relation(s));
        }
        if (o.status() != io.sightline.perception.grounding.GroundingStatus.OK) {
            b.setError(o.reason());
        }
        return b.build();
    }

    /**
     * A DETECT, DESCRIBE or ASK answer on {@code frame}; request id, expression, task and latency are set by the
     * responder. A reason goes into {@code error} unless the answer is OK.
     */
    public GroundingResult taskResult(TaskAnswer a, FrameOutcome frame, long captureEpochMs) {
        PerceptionResult r = frame.result();
        GroundingResult.Builder b = GroundingResult.newBuilder().setHeader(header(r.seq(), captureEpochMs))
            .setStatus(status(a.status())).setText(a.text()).setColour(a.colour());
        a.target().ifPresent(t -> b.setTarget(detection(t, r.width(), r.height())));
        for (TrackedObject t : a.targets()) {
            b.addTargets(detection(t, r.width(), r.height()));
        }
        for (TrackedObject c : a.candidates()) {
            b.addCandidates(detection(c, r.width(), r.height()));
        }
        for (SpatialRelation s : a.evidence()) {
            b.addEvidence(relation(s));
        }
        a.count().ifPresent(n -> b.setCount(n));
        a.yes().ifPresent(y -> b.setYesNo(y ? YesNo.YES_NO_YES : YesNo.YES_NO_NO));
        a.question().ifPresent(q -> b.setQuestion(switch (q) {
            case EXISTS -> QuestionKind.QUESTION_KIND_EXISTS;
            case COUNT -> QuestionKind.QUESTION_KIND_COUNT;
            case WHERE -> QuestionKind.QUESTION_KIND_WHERE;
            case COLOUR -> QuestionKind.QUESTION_KIND_COLOUR;
        }));
        if (a.status() != io.sightline.perception.grounding.GroundingStatus.OK) {
            b.setError(a.reason());
        }
        return b.build();
    }

    /** A result that says why no answer could be computed (UNAVAILABLE, ERROR). */
    public static GroundingResult failure(GroundingStatus status, String reason) {
        return GroundingResult.newBuilder().setStatus(status).setError(reason).build();
    }

    static GroundingStatus status(io.sightline.perception.grounding.GroundingStatus s) {
        return switch (s) {
            case OK -> GroundingStatus.GROUNDING_STATUS_OK;
            case NO_MATCH -> GroundingStatus.GROUNDING_STATUS_NO_MATCH;
            case AMBIGUOUS -> GroundingStatus.GROUNDING_STATUS_AMBIGUOUS;
            case ERROR -> GroundingStatus.GROUNDING_STATUS_ERROR;
        };
    }

    /** The 1 Hz health message from the service's counters. */
    public Health health(ServiceMetrics.Snapshot m, GroundingResponder.Counters grounding, long reconnects,
                         long outboxDropped) {
        return Health.newBuilder().setStamp(timestamp(Instant.now())).setFps(m.fps())
            .setLatencyP50(timings(m.p50(), m.publishP50Nanos())).setLatencyP99(timings(m.p99(), m.publishP99Nanos()))
            .setFramesProcessed(m.frames()).setDroppedFrames(m.dropped()).setGroundingRequests(grounding.requests())
            .setGroundingErrors(grounding.errors()).setMalformedRequests(grounding.malformed())
            .setGroundingBusy(grounding.busy()).setMqttReconnects(reconnects)
            .setOutboxDropped(outboxDropped).setFrameAgeP50Ms(ms(m.frameAgeP50Nanos())).setUptimeS(m.uptimeNanos() / 1e9)
            .build();
    }

    /**
     * What the source is and how it fares, for the status. The URI goes through {@link SourceUris#redact} here too,
     * so no source that forgot to redact can put credentials on the wire.
     */
    public static SourceReport sourceReport(SourceInfo info, SourceStatus status) {
        return SourceReport.newBuilder().setUri(SourceUris.redact(info.uri())).setWidth(info.width()).setHeight(info.height())
            .setFps(info.fps()).setCodec(info.codec()).setFramesSkipped(status.skipped()).setReconnects(status.reconnects())
            .build();
    }

    /** Per-stage timings in milliseconds; see the class comment for how the pipeline's stages map to the fields. */
    static io.sightline.transport.v1.StageTimings timings(StageTimings t, long publishNanos) {
        return io.sightline.transport.v1.StageTimings.newBuilder()
            .setCaptureToPreprocessMs(ms(t.captureNanos())).setPreprocessMs(ms(t.preprocessNanos()))
            .setEncodeMs(ms(t.encodeNanos())).setDecodeMs(ms(t.detectNanos() + t.decodeNanos()))
            .setTrackMs(ms(t.postNanos())).setPublishMs(ms(publishNanos)).setTotalMs(ms(t.totalNanos() + publishNanos))
            .build();
    }

    /** A detection of the frame with the track it belongs to (age from the tracker), or untracked. */
    Detection detection(ObjectResult o, Map<Long, TrackedObject> tracks, int width, int height) {
        Detection.Builder b = base(o.detection(), width, height);
        o.trackId().ifPresent(id -> {
            b.setTrackId(id);
            TrackedObject t = tracks.get(id);
            if (t != null) {
                b.setTrackAgeFrames(t.age());
            }
        });
        o.trackState().ifPresent(s -> b.setTrackState(trackState(s)));
        position(b, o.position());
        size(b, o.size());
        return b.build();
    }

    /** A tracked object as a detection (its latest matched box). */
    Detection detection(TrackedObject t, int width, int height) {
        Detection.Builder b = base(t.detection(), width, height).setTrackId(t.trackId())
            .setTrackState(trackState(t.state())).setTrackAgeFrames(t.age());
        position(b, t.position());
        return b.build();
    }

    private static Detection.Builder base(io.sightline.perception.detect.Detection d, int width, int height) {
        Detection.Builder b = Detection.newBuilder()
            .addHypotheses(ObjectHypothesis.newBuilder().setClassId(d.shape()).setScore(d.score()))
            .setBbox(box(d.box(), 1, 1)).setBboxNormalized(box(d.box(), width, height));
        if (!d.colour().isEmpty()) {
            b.addAttributes(Attribute.newBuilder().setName(COLOUR_ATTRIBUTE).setValue(d.colour()).setScore(d.score()));
        }
        return b;
    }

    private static void position(Detection.Builder b, Optional<Vec3> p) {
        p.ifPresent(v -> b.setPosition(Point3.newBuilder().setX(v.x()).setY(v.y()).setZ(v.z()))
            .setPositionFrameId(BASE_LINK));
    }

    private static void size(Detection.Builder b, Optional<ObjectSize> size) {
        size.ifPresent(s -> b.setWidthM(s.widthM()).setHeightM(s.heightM()));
    }

    /** vision_msgs/BoundingBox2D: centre and size, divided by (sx, sy). */
    static BoundingBox2D box(Box2D box, double sx, double sy) {
        return BoundingBox2D.newBuilder().setCenterX(box.centerX() / sx).setCenterY(box.centerY() / sy)
            .setSizeX(box.width() / sx).setSizeY(box.height() / sy).build();
    }

    /** Exhaustive: a new track state is a compile error here, never a silent UNSPECIFIED on the wire. */
    static TrackState trackState(io.sightline.perception.tracking.TrackState state) {
        return switch (state) {
            case TENTATIVE -> TrackState.TRACK_STATE_TENTATIVE;
            case CONFIRMED -> TrackState.TRACK_STATE_CONFIRMED;
            case LOST -> TrackState.TRACK_STATE_LOST;
            case ENDED -> TrackState.TRACK_STATE_ENDED;
        };
    }

    /** Exhaustive, as {@link #trackState}. */
    static Predicate predicate(io.sightline.perception.relations.Predicate predicate) {
        return switch (predicate) {
            case LEFT_OF -> Predicate.PREDICATE_LEFT_OF;
            case RIGHT_OF -> Predicate.PREDICATE_RIGHT_OF;
            case IN_FRONT_OF -> Predicate.PREDICATE_IN_FRONT_OF;
            case BEHIND -> Predicate.PREDICATE_BEHIND;
            case NEAR -> Predicate.PREDICATE_NEAR;
        };
    }

    /** A relation with the text the extractor rendered once ("red cup left of blue cube, 0.31 m"). */
    static io.sightline.transport.v1.SpatialRelation relation(SpatialRelation s) {
        return io.sightline.transport.v1.SpatialRelation.newBuilder().setSubjectTrackId(s.subjectId())
            .setPredicate(predicate(s.predicate())).setObjectTrackId(s.objectId()).setDistanceM(s.distanceM())
            .setFrameId(s.frame()).setText(s.text()).build();
    }

    private static Map<Long, TrackedObject> tracksById(List<TrackedObject> tracks) {
        Map<Long, TrackedObject> m = new HashMap<>();
        for (TrackedObject t : tracks) {
            m.put((long) t.trackId(), t);
        }
        return m;
    }

    public static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
