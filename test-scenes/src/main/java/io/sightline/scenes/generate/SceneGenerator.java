package io.sightline.scenes.generate;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.SceneInfo;
import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.scene.SceneWriter;
import io.sightline.scenes.expressions.ReferringExpressionGenerator;
import io.sightline.scenes.render.FrameRenderer;
import io.sightline.scenes.render.PixelRays;
import io.sightline.scenes.render.RenderedFrame;
import io.sightline.scenes.render.SensorEffects;
import io.sightline.scenes.split.SplitPolicy;
import io.sightline.scenes.world.CompositionFilter;
import io.sightline.scenes.world.RobotTrajectory;
import io.sightline.scenes.world.TabletopWorld;
import io.sightline.scenes.world.WorldObject;
import io.sightline.scenes.world.WorldSampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Generates synthetic tabletop sequences into scene folders (ARCHITECTURE.md section 5): a world of objects
 * static in odom, a slowly moving robot, drifting light, rendered through the tabletop {@link CameraModel}
 * with sensor effects, exact ground truth and referring expressions per frame.
 *
 * <p>Layout: one sequence is written to {@code out} itself; several go to {@code out/seq-000},
 * {@code out/seq-001}, ... Random streams are split from the root seed in a fixed order, and every pixel
 * is a pure function of its inputs, so the same settings and {@link #VERSION} give the same bytes.
 * Trigonometry goes through {@link StrictMath} so that poses, ids and annotations do not depend on the
 * platform's intrinsics; encoded frames also depend on the OpenCV build (blur, JPEG), so compare decoded
 * pixels across machines, bytes on one machine.
 */
public final class SceneGenerator {
    public static final String NAME = "sightline-tabletop";
    /** Bump whenever a change alters generated pixels or annotations for the same settings. */
    public static final String VERSION = "1.0";

    /** Receives every frame as written (for the training export); the image is closed after the call. */
    @FunctionalInterface
    public interface FrameListener {
        void frame(String sceneName, Mat image, FrameAnnotation annotation);
    }

    private final GenerationSettings settings;
    private final CameraModel camera;
    private final SplitPolicy policy;
    private final ReferringExpressionGenerator expressions = new ReferringExpressionGenerator();

    public SceneGenerator(GenerationSettings settings) {
        this(settings, CameraModels.tabletop(settings.width(), settings.height()));
    }

    public SceneGenerator(GenerationSettings settings, CameraModel camera) {
        if (camera.width() != settings.width() || camera.height() != settings.height()) {
            throw new IllegalArgumentException("camera '" + camera.name() + "' is " + camera.width() + "x" + camera.height()
                + " but the settings ask for " + settings.width() + "x" + settings.height());
        }
        this.settings = settings;
        this.camera = camera;
        this.policy = SplitPolicy.forSplit(settings.split());
    }

    public SplitPolicy policy() {
        return policy;
    }

    public CameraModel camera() {
        return camera;
    }

    public GenerationReport generate(Path out, FrameListener listener) {
        long start = System.nanoTime();
        FrameRenderer renderer = new FrameRenderer(camera, PixelRays.of(camera));
        double setup = (System.nanoTime() - start) / 1e9;
        CompositionFilter compositions = (shape, colour) -> policy.compositionAllowed(shape.label(), colour.label());
        WorldSampler sampler = new WorldSampler(settings.minObjects(), settings.maxObjects(), compositions);
        SplittableRandom root = new SplittableRandom(settings.seed());
        List<Path> scenes = new ArrayList<>();
        int frames = 0;
        for (int k = 0; k < settings.sequences(); k++) {
            SplittableRandom sequence = root.split();
            Path dir = settings.sequences() == 1 ? out : out.resolve(String.format(Locale.ROOT, "seq-%03d", k));
            frames += generateSequence(dir, sceneName(k), sequence, sampler, renderer, listener);
            scenes.add(dir);
        }
        return new GenerationReport(scenes, frames, (System.nanoTime() - start) / 1e9, setup);
    }

    private String sceneName(int k) {
        return String.format(Locale.ROOT, "tabletop-%s-s%d-%03d", settings.split(), settings.seed(), k);
    }

    private int generateSequence(Path dir, String name, SplittableRandom rng, WorldSampler sampler,
                                 FrameRenderer renderer, FrameListener listener) {
        TabletopWorld world = sampler.sample(settings.frames(), rng.split());
        RobotTrajectory trajectory = new RobotTrajectory(settings.fps(), rng.split());
        ConditionSchedule conditions = new ConditionSchedule(settings.fps(), rng.split());
        SplittableRandom expressionRng = rng.split();
        long noiseSeed = rng.nextLong();
        SceneInfo info = new SceneInfo(SceneInfo.FORMAT_VERSION, name, camera, settings.fps(), settings.frames(),
            settings.frameFormat(), new GeneratorInfo(NAME, VERSION, settings.seed()), settings.split());
        try (SceneWriter writer = SceneWriter.create(dir, info)) {
            for (int f = 0; f < settings.frames(); f++) {
                RigidTransform pose = trajectory.pose(f);
                List<WorldObject> present = world.presentAt(f);
                FrameConditions c = conditions.next(f);
                RenderedFrame rendered = renderer.render(pose, world.table(), present, c.lighting());
                List<ObjectAnnotation> objects = FrameAnnotator.annotate(rendered, present, pose);
                List<ExpressionAnnotation> phrases = expressions.generate(objects, policy, expressionRng.split());
                FrameAnnotation annotation = new FrameAnnotation(f, SceneLayout.frameFile(f, settings.frameFormat()),
                    Math.round(f * 1e9 / settings.fps()), pose, objects, phrases);
                try (Mat image = SensorEffects.apply(rendered, c.blurSigma(), c.noiseSigma(), noiseSeed, f)) {
                    writer.writeFrame(FrameEncoder.encode(image, settings.frameFormat(), settings.jpegQuality()), annotation);
                    if (listener != null) {
                        listener.frame(name, image, annotation);
                    }
                }
            }
        }
        return settings.frames();
    }
}
