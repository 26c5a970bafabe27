package io.sightline.scenes.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * What a generation run wrote.
 *
 * @param scenes  the scene folders
 * @param frames  frames written in all
 * @param seconds wall time of the whole run
 * @param setupSeconds part of it spent once per run before the first frame (the camera's ray map)
 */
public record GenerationReport(List<Path> scenes, int frames, double seconds, double setupSeconds) {
    public GenerationReport {
        scenes = List.copyOf(scenes);
    }

    /** Frames per second of wall time after setup: rendering, effects, annotation, encoding and writing. */
    public double framesPerSecond() {
        double perFrames = seconds - setupSeconds;
        return perFrames > 0 ? frames / perFrames : 0;
    }
}
