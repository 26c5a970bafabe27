package io.sightline.scenes.generate;

import io.sightline.scenes.split.SplitPolicy;
import java.util.Locale;

/**
 * What to generate. Same settings and {@link SceneGenerator#VERSION} give identical output.
 *
 * @param seed        root seed
 * @param frames      frames per sequence
 * @param sequences   number of sequences (scene folders)
 * @param width       image width (pixels)
 * @param height      image height (pixels)
 * @param minObjects  fewest objects per sequence
 * @param maxObjects  most objects per sequence
 * @param split       train, val, test or demo ({@link SplitPolicy#SPLITS})
 * @param frameFormat jpg or png
 * @param jpegQuality JPEG quality 1..100 (used for jpg frames)
 * @param fps         frame rate of the sequences
 */
public record GenerationSettings(long seed, int frames, int sequences, int width, int height, int minObjects,
                                 int maxObjects, String split, String frameFormat, int jpegQuality, double fps) {
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final double DEFAULT_FPS = 10;
    public static final int DEFAULT_JPEG_QUALITY = 90;

    public GenerationSettings {
        if (frames < 1 || frames > 999_999) {
            throw new IllegalArgumentException("frames must be in 1..999999, got " + frames);
        }
        if (sequences < 1 || sequences > 9_999) {
            throw new IllegalArgumentException("sequences must be in 1..9999, got " + sequences);
        }
        if (width < 32 || height < 32 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("image size must be within 32..4096 pixels, got " + width + "x" + height);
        }
        if (minObjects < 1 || maxObjects < minObjects || maxObjects > 16) {
            throw new IllegalArgumentException("object counts must satisfy 1 <= min <= max <= 16, got min "
                + minObjects + ", max " + maxObjects);
        }
        split = split.toLowerCase(Locale.ROOT);
        if (!SplitPolicy.SPLITS.contains(split)) {
            throw new IllegalArgumentException("split must be one of " + SplitPolicy.SPLITS + ", got '" + split + "'");
        }
        frameFormat = frameFormat.toLowerCase(Locale.ROOT);
        if (!frameFormat.equals("jpg") && !frameFormat.equals("png")) {
            throw new IllegalArgumentException("frame format must be jpg or png, got '" + frameFormat + "'");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in 1..100, got " + jpegQuality);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
    }

    /** Defaults: 640x480, 3..8 objects, one sequence, JPEG, 10 fps. */
    public static GenerationSettings defaults(long seed, int frames, String split) {
        return new GenerationSettings(seed, frames, 1, DEFAULT_WIDTH, DEFAULT_HEIGHT, 3, 8, split, "jpg",
            DEFAULT_JPEG_QUALITY, DEFAULT_FPS);
    }

    public GenerationSettings withSize(int w, int h) {
        return new GenerationSettings(seed, frames, sequences, w, h, minObjects, maxObjects, split, frameFormat,
            jpegQuality, fps);
    }

    public GenerationSettings withObjects(int min, int max) {
        return new GenerationSettings(seed, frames, sequences, width, height, min, max, split, frameFormat,
            jpegQuality, fps);
    }

    public GenerationSettings withSequences(int n) {
        return new GenerationSettings(seed, frames, n, width, height, minObjects, maxObjects, split, frameFormat,
            jpegQuality, fps);
    }

    public GenerationSettings withFormat(String format, int quality) {
        return new GenerationSettings(seed, frames, sequences, width, height, minObjects, maxObjects, split, format,
            quality, fps);
    }
}
