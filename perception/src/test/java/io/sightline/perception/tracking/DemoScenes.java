package io.sightline.perception.tracking;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed demo scenes of test-scenes/demo, read through the perception scene reader (annotations only). */
public final class DemoScenes {
    /** Surefire runs in the module folder; the scenes live beside it. */
    public static final Path ROOT = Path.of("..", "test-scenes", "demo");
    public static final List<String> NAMES = List.of("seq-000", "seq-001", "seq-002");

    private DemoScenes() {
    }

    /** The scene folders; skips the calling test when the checkout has no demo scenes. */
    public static List<Path> dirs() {
        assumeTrue(Files.isDirectory(ROOT.resolve(NAMES.get(0))), "no demo scenes at " + ROOT.toAbsolutePath());
        return NAMES.stream().map(ROOT::resolve).toList();
    }

    public static Scene open(Path dir) {
        return SceneReader.open(dir);
    }

    public static List<FrameAnnotation> frames(Scene scene) {
        try (Stream<FrameAnnotation> frames = scene.frames()) {
            return frames.toList();
        }
    }
}
