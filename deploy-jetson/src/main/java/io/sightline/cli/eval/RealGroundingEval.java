package io.sightline.cli.eval;

import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.Vec3;
import io.sightline.cli.UserFacingException;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.detect.DetectionConfig;
import io.sightline.perception.detect.DetectionDecoder;
import io.sightline.perception.geometry.GroundProjector;
import io.sightline.perception.geometry.GroundProjectorConfig;
import io.sightline.perception.grounding.ColourProfile;
import io.sightline.perception.grounding.GroundingOutcome;
import io.sightline.perception.pack.HeadSpec;
import io.sightline.perception.pipeline.TrackGrounder;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.scenes.eval.ExpressionAnswer;
import io.sightline.scenes.eval.ExpressionGrounder;
import io.sightline.scenes.eval.GroundingStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The real set's expressions ({@code expressions.jsonl}) through the {@link TrackGrounder} on what the pack detects in
 * each photo at its operating point (what {@code run} publishes and grounds on): every detection an object, its colour
 * measured from the photo, its position from a nominal camera ({@link #photoCamera}: the photos carry no calibration),
 * as {@code run} does on a calibrated camera's frame. Times each answer (parse and match, not detection).
 */
final class RealGroundingEval implements ExpressionGrounder {
    /** Height of the nominal camera over the ground, metres. */
    static final double PHOTO_CAMERA_HEIGHT = 1.5;
    /** How far the top image row points below the horizon, degrees: every pixel's ray meets the ground. */
    static final double PHOTO_TOP_ROW_BELOW_HORIZON_DEG = 2.0;

    private final DetectionDecoder decoder;
    private final VlmModel vlm;
    private final TrackGrounder grounder;
    private final List<Long> answerNanos = new ArrayList<>();
    private final List<Asked> asked = new ArrayList<>();

    /** One expression asked, on the objects of its image, for {@link #timeAnswers}. */
    private record Asked(String expression, List<TrackedObject> objects, Map<Integer, ColourProfile> colours) {}
    private Path image;
    private List<TrackedObject> objects = List.of();
    private Map<Integer, ColourProfile> colours = Map.of();
    private long seq;

    RealGroundingEval(VlmModel vlm) {
        this.vlm = vlm;
        HeadSpec head = vlm.pack().manifest().head().orElseThrow(() -> new UserFacingException("model pack "
            + vlm.pack().dir() + " has no detection head (manifest.json head or dense_head)"));
        this.decoder = DetectionDecoder.forPack(vlm.pack().manifest(), Optional.of(DetectionConfig.operatingPoint(head))).orElseThrow();
        this.grounder = TrackGrounder.forModel(vlm);
    }

    /**
     * A camera for a photo without calibration: focal length = the image width (53 degrees across), principal point
     * at the centre, no distortion, {@link #PHOTO_CAMERA_HEIGHT} over flat ground looking ahead, pitched down so that
     * the top row points {@link #PHOTO_TOP_ROW_BELOW_HORIZON_DEG} below the horizon. Left/right then follow the image
     * x and distance the box's lower edge, as a person reads the photo.
     */
    static CameraModel photoCamera(int width, int height) {
        double f = width;
        double pitch = Math.atan((height / 2.0) / f) + Math.toRadians(PHOTO_TOP_ROW_BELOW_HORIZON_DEG);
        return new CameraModel("photo", new CameraIntrinsics(width, height, f, f, (width - 1) / 2.0, (height - 1) / 2.0),
            new Distortion(0, 0, 0, 0, 0), CameraModels.mountedLookingDown(new Vec3(0, 0, PHOTO_CAMERA_HEIGHT), pitch, 0));
    }

    @Override
    public ExpressionAnswer ground(Path file, String expression) {
        if (!file.equals(image)) {
            load(file);
        }
        long t0 = System.nanoTime();
        GroundingOutcome o = grounder.objects().ground(expression, objects, colours);
        answerNanos.add(System.nanoTime() - t0);
        asked.add(new Asked(expression, objects, colours));
        return new ExpressionAnswer(GroundingStatus.parse(o.status().name()), o.target().map(t -> t.detection().box()));
    }

    /** Time of each answer so far, nanoseconds. */
    List<Long> answerNanos() {
        return List.copyOf(answerNanos);
    }

    /**
     * Every expression asked so far answered again {@code rounds} times on its image's objects, round after round,
     * timed one by one (nanoseconds): the answer latency without the detector running between answers.
     */
    List<Long> timeAnswers(int rounds) {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Asked a : asked) {
                long t0 = System.nanoTime();
                grounder.objects().ground(a.expression(), a.objects(), a.colours());
                out.add(System.nanoTime() - t0);
            }
        }
        return out;
    }

    private void load(Path file) {
        try (Mat bgr = FrameImages.read(file)) {
            List<Detection> dets = decoder.decode(vlm.encoder().encode(seq++, bgr));
            GroundProjector projector = new GroundProjector(photoCamera(bgr.cols(), bgr.rows()), GroundProjectorConfig.tabletop());
            double[] gains = ColourProfile.greyWorldGains(bgr);
            List<TrackedObject> out = new ArrayList<>();
            Map<Integer, ColourProfile> c = new HashMap<>();
            int id = 1;
            for (Detection d : dets) {
                out.add(new TrackedObject(id, TrackState.CONFIRMED, d, projector.position(d), 1, 0, 0));
                c.put(id, ColourProfile.measure(bgr, d.box(), gains));
                id++;
            }
            objects = out;
            colours = c;
            image = file;
        }
    }
}
