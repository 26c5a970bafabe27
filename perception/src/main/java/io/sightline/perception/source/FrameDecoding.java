package io.sightline.perception.source;

import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.scene.DecodeScale;
import io.sightline.perception.scene.Scene;
import java.util.Locale;

/** How recorded frames are decoded: every pixel, or only as many as the model's input needs ({@link DecodeScale}). */
public enum FrameDecoding {
    /** The whole image: for annotated output and anything that shows the pixels. */
    FULL,
    /** The largest JPEG reduction that still covers the model's input size (the default for detection runs). */
    MODEL_SIZE;

    /** The decode scale for a {@code sensorWidth x sensorHeight} camera feeding a model of input {@code model}. */
    public int scale(int sensorWidth, int sensorHeight, ImageSpec model) {
        return this == FULL ? DecodeScale.FULL
            : DecodeScale.forModel(sensorWidth, sensorHeight, model.width(), model.height());
    }

    /** The decode scale for {@code scene}'s camera feeding a model of input {@code model}. */
    public int scale(Scene scene, ImageSpec model) {
        return scale(scene.info().camera().width(), scene.info().camera().height(), model);
    }

    /** Parses "full" or "model-size" (the CLI's spelling). */
    public static FrameDecoding parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "model-size", "model_size" -> MODEL_SIZE;
            default -> throw new IllegalArgumentException("frame decoding must be 'full' or 'model-size', got '" + text + "'");
        };
    }

    /** The CLI's spelling. */
    public String label() {
        return this == FULL ? "full" : "model-size";
    }
}
