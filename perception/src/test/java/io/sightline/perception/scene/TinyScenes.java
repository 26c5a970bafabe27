package io.sightline.perception.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Small scenes written with {@link SceneWriter} for tests: 160x120 frames with one filled rectangle per object. */
final class TinyScenes {
    static final int WIDTH = 160;
    static final int HEIGHT = 120;

    private TinyScenes() {}

    static CameraModel camera() {
        // Looking forward and down from 0.5 m; the optical frame's z is base_link x (REP-103).
        RigidTransform mount = RigidTransform.fromMatrix(new double[] {0, -0.5, 0.8660254037844386, -1, 0, 0, 0, -0.8660254037844386, -0.5},
            new Vec3(0.05, 0.0, 0.5));
        return new CameraModel("tiny", new CameraIntrinsics(WIDTH, HEIGHT, 150.123456789, 150.0, 79.5, 59.5),
            new Distortion(-0.12, 0.034, 0.0011, -0.0007, 0.0), mount);
    }

    static SceneInfo info(int frames, String format) {
        return new SceneInfo(SceneInfo.FORMAT_VERSION, "tiny", camera(), 15.0, frames, format,
            new GeneratorInfo("tiny-test", "1.0", 42L), "demo");
    }

    /** Frame i: a red cup moving right, a blue cube, and (from frame 1) a green ball cut by the right border. */
    static FrameAnnotation frame(int i, String format) {
        List<ObjectAnnotation> objects = new ArrayList<>();
        double dx = 3.3333 * i;
        objects.add(new ObjectAnnotation(1, "cup", "red", new Box2D(20.123 + dx, 30.456, 50.789 + dx, 70.001),
            new Vec3(0.61234567, 0.10000049, 0.0), 0.25, new Vec3(0.08, 0.08, 0.1), 1.0, false));
        objects.add(new ObjectAnnotation(2, "cube", "blue", new Box2D(90, 40, 120, 80),
            new Vec3(0.7, -0.12, 0.0), -0.5, new Vec3(0.06, 0.06, 0.06), 0.45, false));
        if (i > 0) {
            objects.add(new ObjectAnnotation(5, "ball", "green", new Box2D(140, 90, 160, 110),
                new Vec3(0.55, -0.3, 0.0), 0.0, new Vec3(0.07, 0.07, 0.07), 0.6, true));
        }
        List<ExpressionAnnotation> expressions = List.of(
            new ExpressionAnnotation("the red cup", ExpressionKind.ATTRIBUTE, 1, false),
            new ExpressionAnnotation("the blue cube right of the red cup", ExpressionKind.RELATIONAL, 2, true),
            new ExpressionAnnotation("the purple cone", ExpressionKind.NO_TARGET, null, false));
        return new FrameAnnotation(i, SceneLayout.frameFile(i, format), i * 66_666_667L,
            RigidTransform.fromRpy(new Vec3(0.01 * i, 0, 0), 0, 0, 0.001 * i), objects, expressions);
    }

    /** The frame's image: grey background and each object's box filled with its display colour. */
    static Mat image(FrameAnnotation f) {
        Mat m = new Mat(HEIGHT, WIDTH, CV_8UC3);
        try (Scalar grey = new Scalar(90, 90, 90, 0)) {
            m.put(grey);
        }
        for (ObjectAnnotation o : f.objects()) {
            int[] c = LabelColours.bgr(o.colour());
            int[] r = AnnotationPainter.pixelRect(o.box());
            try (Point a = new Point(r[0], r[1]); Point b = new Point(r[2], r[3]); Scalar s = new Scalar(c[0], c[1], c[2], 0)) {
                rectangle(m, a, b, s, FILLED, LINE_8, 0);
            }
        }
        return m;
    }

    static Path write(Path dir, int frames, String format) {
        try (SceneWriter w = SceneWriter.create(dir, info(frames, format))) {
            for (int i = 0; i < frames; i++) {
                FrameAnnotation f = frame(i, format);
                try (Mat image = image(f)) {
                    w.writeFrame(image, f);
                }
            }
        }
        return dir;
    }

    static List<String> lines(Path dir) throws IOException {
        return new ArrayList<>(Files.readAllLines(dir.resolve(SceneLayout.ANNOTATIONS), StandardCharsets.UTF_8));
    }

    static void writeLines(Path dir, List<String> lines) throws IOException {
        Files.writeString(dir.resolve(SceneLayout.ANNOTATIONS), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Replaces the first occurrence of {@code from} on 1-based line {@code line}; fails if it is not there. */
    static void editLine(Path dir, int line, String from, String to) throws IOException {
        List<String> lines = lines(dir);
        String l = lines.get(line - 1);
        if (!l.contains(from)) {
            throw new IllegalStateException("line " + line + " has no '" + from + "': " + l);
        }
        lines.set(line - 1, l.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        writeLines(dir, lines);
    }

    static void editSceneJson(Path dir, String from, String to) throws IOException {
        Path f = dir.resolve(SceneLayout.SCENE_JSON);
        String s = Files.readString(f);
        if (!s.contains(from)) {
            throw new IllegalStateException("scene.json has no '" + from + "': " + s);
        }
        Files.writeString(f, s.replace(from, to));
    }
}
