package io.sightline.perception.scene;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** File names of a scene folder (see docs/scene-format.md). */
public final class SceneLayout {
    public static final String SCENE_JSON = "scene.json";
    public static final String ANNOTATIONS = "annotations.jsonl";
    public static final String FRAMES_DIR = "frames";
    /** Frame image encodings a scene may use; the value of scene.json {@code frame_format}. */
    public static final Set<String> FRAME_FORMATS = Set.of("jpg", "png");
    /** Values of scene.json {@code split}. */
    public static final Set<String> SPLITS = Set.of("train", "val", "test", "demo");

    private SceneLayout() {}

    /** Path of frame {@code index} relative to the scene folder: {@code frames/000042.jpg}. */
    public static String frameFile(int index, String frameFormat) {
        if (index < 0 || index > 999_999) {
            throw new IllegalArgumentException("frame index must be in 0..999999 (6 digits), got " + index);
        }
        return String.format(Locale.ROOT, "%s/%06d.%s", FRAMES_DIR, index, frameFormat);
    }

    public static Path framePath(Path sceneDir, int index, String frameFormat) {
        return sceneDir.resolve(frameFile(index, frameFormat));
    }
}
