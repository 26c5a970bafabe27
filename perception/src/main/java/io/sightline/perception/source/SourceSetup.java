package io.sightline.perception.source;

import io.sightline.perception.scene.Scene;
import java.util.Objects;
import java.util.Optional;

/**
 * A source made by {@link FrameSources}, not yet opened.
 *
 * @param source the frames (the caller owns and closes it)
 * @param spec   what it was made from
 * @param scene  the recorded scene when {@code spec} names one: its camera, fps and annotations
 */
public record SourceSetup(FrameSource source, SourceSpec spec, Optional<Scene> scene) {
    public SourceSetup {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scene, "scene");
    }

    /** The scene, for commands that only take scene folders. */
    public Scene requireScene() {
        return scene.orElseThrow(() -> new IllegalArgumentException("'" + spec.uri() + "' is not a scene folder (no scene.json)"));
    }
}
