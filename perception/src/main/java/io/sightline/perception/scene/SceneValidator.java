package io.sightline.perception.scene;

import io.sightline.calibration.camera.Vec3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Checks a scene folder against the scene format and reports every problem with its file, line (for
 * annotations.jsonl) and field; never throws on bad content. Checks: scene.json syntax, fields, types,
 * finite numbers and values; each annotation line's syntax (including a truncated last line), fields
 * and finite numbers; index order and the frame file name; boxes inside the image and not inverted or
 * empty; visibility in (0, 1]; positive sizes; unique object ids in id order; increasing timestamps;
 * expression targets among the frame's objects and consistent with their kind; line count and frame
 * files against frame_count; each frame image present, complete (JPEG EOI / PNG IEND), decodable by
 * OpenCV and of the camera's size; no stray files in frames/.
 */
public final class SceneValidator {
    /** Tolerance for a box edge on the image border; boxes are written rounded to 0.01 px. */
    private static final double BORDER_EPS = 1e-6;
    /** Missing frame images listed one by one before the rest are counted in one line. */
    static final int MAX_MISSING_LISTED = 20;

    private final boolean decodeImages;

    /** @param decodeImages decode every frame with OpenCV (slower); otherwise only presence and end markers are checked */
    public SceneValidator(boolean decodeImages) {
        this.decodeImages = decodeImages;
    }

    public SceneValidator() {
        this(true);
    }

    public ValidationReport validate(Path dir) {
        List<SceneProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new SceneProblem(dir, 0, "", "not a scene folder (no such directory)"));
            return new ValidationReport(dir, 0, 0, problems);
        }
        Path sceneJson = dir.resolve(SceneLayout.SCENE_JSON);
        JsonFields fields = new JsonFields();
        SceneInfo info = SceneReader.readInfo(sceneJson, fields);
        for (JsonFields.FieldProblem p : fields.problems()) {
            problems.add(new SceneProblem(sceneJson, 0, p.field(), p.message()));
        }
        int lines = checkAnnotations(dir, info, problems);
        int images = 0;
        if (info != null) {
            images = checkFrames(dir, info, lines, problems);
        }
        return new ValidationReport(dir, lines, images, problems);
    }

    private int checkAnnotations(Path dir, SceneInfo info, List<SceneProblem> problems) {
        Path file = dir.resolve(SceneLayout.ANNOTATIONS);
        if (!Files.isRegularFile(file)) {
            problems.add(new SceneProblem(file, 0, "", "missing"));
            return 0;
        }
        int count = 0;
        long previousTimestamp = Long.MIN_VALUE;
        try (JsonLines lines = JsonLines.open(file)) {
            while (lines.hasNext()) {
                JsonLines.Line line = lines.next();
                count++;
                AnnotationLine decoded = AnnotationLine.decode(file, line);
                problems.addAll(decoded.problems());
                if (!decoded.ok()) {
                    continue;
                }
                if (!line.terminated()) {
                    problems.add(new SceneProblem(file, line.number(), "", "last line has no newline at the end (truncated write?)"));
                }
                FrameAnnotation f = decoded.frame();
                LineChecks check = new LineChecks(file, line.number(), problems);
                check.frame(f, line.number() - 1, info, previousTimestamp);
                previousTimestamp = f.timestampNs();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new SceneProblem(file, count, "", "unreadable: " + e.getMessage()));
        }
        if (info != null && count != info.frameCount()) {
            problems.add(new SceneProblem(file, 0, "", "has " + count + " lines but scene.json frame_count is " + info.frameCount()));
        }
        return count;
    }

    /** Semantic checks of one decoded line. */
    private record LineChecks(Path file, int line, List<SceneProblem> problems) {
        void problem(String field, String message) {
            problems.add(new SceneProblem(file, line, field, message));
        }

        void frame(FrameAnnotation f, int expectedIndex, SceneInfo info, long previousTimestamp) {
            if (f.index() != expectedIndex) {
                problem("index", "frame index " + f.index() + " out of order: line " + line + " must hold frame " + expectedIndex);
            }
            if (info != null) {
                String expectedFile = SceneLayout.frameFile(Math.max(0, f.index()), info.frameFormat());
                if (!expectedFile.equals(f.file())) {
                    problem("file", "must be \"" + expectedFile + "\", got \"" + f.file() + "\"");
                }
            }
            if (f.timestampNs() < 0) {
                problem("timestamp_ns", "must not be negative, got " + f.timestampNs());
            } else if (previousTimestamp != Long.MIN_VALUE && f.timestampNs() <= previousTimestamp) {
                problem("timestamp_ns", f.timestampNs() + " is not after the previous frame's " + previousTimestamp);
            }
            Set<Integer> ids = new HashSet<>();
            int previousId = Integer.MIN_VALUE;
            for (int i = 0; i < f.objects().size(); i++) {
                ObjectAnnotation o = f.objects().get(i);
                String at = JsonFields.path("objects", i);
                if (!ids.add(o.id())) {
                    problem(JsonFields.path(at, "id"), "duplicate object id " + o.id() + " in this frame");
                } else if (o.id() < previousId) {
                    problem(JsonFields.path(at, "id"), "objects must be in id order: " + o.id() + " after " + previousId);
                }
                previousId = Math.max(previousId, o.id());
                object(o, at, info);
            }
            for (int i = 0; i < f.expressions().size(); i++) {
                expression(f.expressions().get(i), JsonFields.path("expressions", i), ids);
            }
        }

        void object(ObjectAnnotation o, String at, SceneInfo info) {
            Box2D b = o.box();
            if (info != null) {
                int w = info.camera().width();
                int h = info.camera().height();
                if (b.xMin() < -BORDER_EPS || b.yMin() < -BORDER_EPS || b.xMax() > w + BORDER_EPS || b.yMax() > h + BORDER_EPS) {
                    problem(JsonFields.path(at, "box"), "[" + b.xMin() + ", " + b.yMin() + ", " + b.xMax() + ", " + b.yMax()
                        + "] is outside the " + w + "x" + h + " image");
                }
            }
            if (b.area() <= 0) {
                problem(JsonFields.path(at, "box"), "empty (zero width or height) for a visible object");
            }
            if (!(o.visibility() > 0 && o.visibility() <= 1)) {
                problem(JsonFields.path(at, "visibility"), "must be in (0, 1], got " + o.visibility());
            }
            Vec3 s = o.size();
            if (!(s.x() > 0 && s.y() > 0 && s.z() > 0)) {
                problem(JsonFields.path(at, "size"), "every extent must be positive, got [" + s.x() + ", " + s.y() + ", " + s.z() + "]");
            }
        }

        void expression(ExpressionAnnotation e, String at, Set<Integer> ids) {
            if (e.kind() == ExpressionKind.NO_TARGET) {
                if (e.targetId() != null) {
                    problem(JsonFields.path(at, "target_id"), "kind no_target must have target_id null, got " + e.targetId());
                }
            } else if (e.targetId() == null) {
                problem(JsonFields.path(at, "target_id"), "kind " + SceneEncoder.kindName(e.kind()) + " needs a target, got null");
            } else if (!ids.contains(e.targetId())) {
                problem(JsonFields.path(at, "target_id"), "target " + e.targetId() + " is not among this frame's objects " + new TreeSet<>(ids));
            }
        }
    }

    private int checkFrames(Path dir, SceneInfo info, int lines, List<SceneProblem> problems) {
        int expected = Math.max(info.frameCount(), lines);
        Set<String> expectedNames = new HashSet<>();
        int checked = 0;
        int missing = 0;
        for (int i = 0; i < expected && i <= 999_999; i++) {
            Path file = SceneLayout.framePath(dir, i, info.frameFormat());
            expectedNames.add(file.getFileName().toString());
            checked++;
            if (!Files.exists(file) && ++missing > MAX_MISSING_LISTED) {
                continue; // a wrong frame_count must not print a million lines; summarised below
            }
            problems.addAll(checkImage(file, info));
        }
        if (missing > MAX_MISSING_LISTED) {
            problems.add(new SceneProblem(dir.resolve(SceneLayout.FRAMES_DIR), 0, "",
                (missing - MAX_MISSING_LISTED) + " more frame images missing (" + missing + " in all)"));
        }
        Path framesDir = dir.resolve(SceneLayout.FRAMES_DIR);
        if (!Files.isDirectory(framesDir)) {
            problems.add(new SceneProblem(framesDir, 0, "", "missing folder"));
            return checked;
        }
        try (Stream<Path> files = Files.list(framesDir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !expectedNames.contains(n)).sorted()
                .forEach(n -> problems.add(new SceneProblem(framesDir.resolve(n), 0, "",
                    "stray file: not frame 0.." + (expected - 1) + " in format " + info.frameFormat())));
        } catch (IOException e) {
            problems.add(new SceneProblem(framesDir, 0, "", "unreadable: " + e.getMessage()));
        }
        return checked;
    }

    private List<SceneProblem> checkImage(Path file, SceneInfo info) {
        try {
            if (!decodeImages) {
                FrameImages.incompleteness(FrameImages.readBytes(file), file)
                    .ifPresent(m -> {
                        throw new SceneFormatException(file, 0, m);
                    });
                return List.of();
            }
            try (Mat image = FrameImages.read(file)) {
                if (image.cols() != info.camera().width() || image.rows() != info.camera().height()) {
                    return List.of(new SceneProblem(file, 0, "", "image is " + image.cols() + "x" + image.rows()
                        + " but the camera is " + info.camera().width() + "x" + info.camera().height()));
                }
            }
            return List.of();
        } catch (SceneFormatException e) {
            return List.of(new SceneProblem(file, 0, "", e.reason()));
        }
    }
}
