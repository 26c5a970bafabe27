package io.sightline.perception.pipeline;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.geometry.GroundProjector;
import io.sightline.perception.geometry.GroundProjectorConfig;
import io.sightline.perception.geometry.ObjectSize;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.detect.DetectionDecoder;
import io.sightline.perception.source.Frame;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.tracking.Tracker;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vision.PreparedInput;
import io.sightline.perception.vision.VisionEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import io.sightline.perception.grounding.ColourProfile;
import java.util.HashMap;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The per-frame work of ARCHITECTURE.md section 3: encode -> detect -> track -> geometry -> relations ->
 * describe, timed stage by stage; each frame comes out as one {@link FrameOutcome} (result, encoding, tracks,
 * events), which the caller keeps for grounding requests ({@link Grounder}). Not thread-safe: one pipeline per
 * camera, fed in frame order by one thread.
 */
public final class PerceptionPipeline {
    private final String sourceName;
    private final VisionEncoder encoder;
    private final DetectionDecoder detector;
    private final Tracker tracker;
    private final SceneRelations relations;
    private final Function<Box2D, Optional<ObjectSize>> sizer;
    private boolean measureColours;

    /**
     * @param sourceName scene name or source description written into each result
     * @param encoder    the pack's vision encoder (not owned)
     * @param detector   the pack's dense-head decoder
     * @param tracker    a fresh tracker for this stream (its locator gives positions)
     * @param relations  relations and description from the tracked objects
     * @param sizer      width and height in metres of a located box ({@link GroundProjector#size})
     */
    public PerceptionPipeline(String sourceName, VisionEncoder encoder, DetectionDecoder detector, Tracker tracker,
                              SceneRelations relations, Function<Box2D, Optional<ObjectSize>> sizer) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.relations = Objects.requireNonNull(relations, "relations");
        this.sizer = Objects.requireNonNull(sizer, "sizer");
    }

    /**
     * The standard stack for one camera: the pack's image graph and detection head, a tracker locating detections on
     * the ground plane of {@code camera}, and relations with the ground-truth margins.
     *
     * @throws IllegalArgumentException when the pack has no detection head (detection through the decoder is not wired)
     */
    public static PerceptionPipeline forModel(String sourceName, VlmModel vlm, CameraModel camera, TrackerConfig tracking) {
        return forModel(sourceName, vlm, camera, tracking, RelationExtractor.DEFAULT_NEIGHBOURS);
    }

    /** As {@link #forModel(String, VlmModel, CameraModel, TrackerConfig)}, relating each object to its {@code neighbours} nearest. */
    public static PerceptionPipeline forModel(String sourceName, VlmModel vlm, CameraModel camera, TrackerConfig tracking,
                                              int neighbours) {
        DetectionDecoder detector = vlm.detections().orElseThrow(() -> new IllegalArgumentException("model pack "
            + vlm.pack().dir() + " has no detection head (manifest.json head or dense_head); the frame pipeline needs one"));
        GroundProjector projector = new GroundProjector(camera, GroundProjectorConfig.tabletop());
        Tracker tracker = new Tracker(tracking, projector::position, detector.config().scoreThreshold());
        return new PerceptionPipeline(sourceName, vlm.encoder(), detector, tracker,
            new RelationStage(new RelationExtractor(RelationConfig.groundTruthMargins(), neighbours)), projector::size)
            .measuringColours(vlm.language().isEmpty());
    }

    /**
     * Measure each matched track's {@link ColourProfile} from the frame's pixels into {@link FrameOutcome#colours()}
     * (for the {@link TrackGrounder}; off by default, and {@link #forModel} turns it on for packs without a language
     * decoder). Returns this pipeline.
     */
    public PerceptionPipeline measuringColours(boolean on) {
        this.measureColours = on;
        return this;
    }

    /**
     * Processes one frame (the caller still owns and closes it).
     *
     * @param captureNanos  time the source spent producing the frame (read + decode), for {@link StageTimings}
     * @param skippedBefore frames the source skipped since the previous frame
     */
    public FrameOutcome process(Frame frame, long captureNanos, long skippedBefore) {
        FrameIntake intake = FrameIntake.startingNow(captureNanos, skippedBefore);
        return finish(frame, encode(frame), intake);
    }

    /** The first half of {@link #process}: preprocess and encoder (the expensive, backend part). */
    public ImageEncoding encode(Frame frame) {
        return encoder.encode(frame);
    }

    /** {@link #encode}'s preprocessing alone, for a helper thread to run ahead ({@link VisionEncoder#prepare}). */
    public PreparedInput prepare(Frame frame) {
        return encoder.prepare(frame);
    }

    /** {@link #encode} of a frame prepared by {@link #prepare}: only the encoder graph. */
    public ImageEncoding encode(PreparedInput prepared) {
        return encoder.encode(prepared);
    }

    /**
     * The second half of {@link #process}: dense-head decoding, tracking, positions, relations, description.
     * Calls must come in frame order (the tracker is sequential); they may run on another thread than
     * {@link #encode}, one at a time, so that the next frame encodes meanwhile ({@link FrameLoop}).
     */
    public FrameOutcome finish(Frame frame, ImageEncoding enc, FrameIntake intake) {
        long t1 = System.nanoTime();
        List<Detection> detections = detector.decode(enc);
        long t2 = System.nanoTime();
        List<TrackedObject> tracks = tracker.update(frame.seq(), frame.captureNanos(), detections);
        List<ObjectResult> objects = objects(detections, tracks, sizer);
        SceneRelations.Output rel = relations.describe(tracks);
        Map<Integer, ColourProfile> colours = measureColours ? colours(frame, tracks) : Map.of();
        long t3 = System.nanoTime();
        StageTimings timings = new StageTimings(intake.captureNanos(), enc.preprocessNanos(), enc.encodeNanos(), t2 - t1, 0,
            t3 - t2, intake.captureNanos() + Math.max(0, t3 - intake.encodeStartNanos()));
        PerceptionResult result = new PerceptionResult(sourceName, frame.sourceIndex(), frame.seq(), frame.width(),
            frame.height(), objects, rel.relations(), rel.description(), List.of(), intake.skippedBefore(), timings,
            Math.max(0, frame.ageNanos(t3)));
        return new FrameOutcome(result, enc, tracks, tracker.events(), colours);
    }

    /** The colour profile of every track matched in the frame, its box scaled to the decoded image. */
    static Map<Integer, ColourProfile> colours(Frame frame, List<TrackedObject> tracks) {
        Mat image = frame.image();
        double sx = image.cols() / (double) frame.width();
        double sy = image.rows() / (double) frame.height();
        double[] gains = ColourProfile.greyWorldGains(image);
        Map<Integer, ColourProfile> out = new HashMap<>();
        for (TrackedObject t : tracks) {
            if (t.misses() == 0) {
                Box2D b = t.detection().box();
                out.put(t.trackId(), ColourProfile.measure(image, new Box2D(b.xMin() * sx, b.yMin() * sy, b.xMax() * sx,
                    b.yMax() * sy), gains));
            }
        }
        return out;
    }

    /** Detections in descending score order, each with the track it continued or started this frame. */
    static List<ObjectResult> objects(List<Detection> detections, List<TrackedObject> tracks,
                                      Function<Box2D, Optional<ObjectSize>> sizer) {
        Map<Detection, TrackedObject> byDetection = new IdentityHashMap<>();
        for (TrackedObject t : tracks) {
            if (t.misses() == 0) {
                byDetection.put(t.detection(), t);
            }
        }
        List<ObjectResult> out = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            TrackedObject t = byDetection.get(d);
            out.add(t == null ? ObjectResult.untracked(d)
                : new ObjectResult(d, OptionalLong.of(t.trackId()), Optional.of(t.state()), t.position(),
                    t.position().isPresent() ? sizer.apply(d.box()) : Optional.empty()));
        }
        out.sort(Comparator.comparingDouble((ObjectResult o) -> -o.detection().score()));
        return out;
    }

    public String sourceName() {
        return sourceName;
    }
}
