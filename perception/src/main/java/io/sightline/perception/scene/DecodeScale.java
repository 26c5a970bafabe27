package io.sightline.perception.scene;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;

/**
 * Decoding recorded JPEG frames at 1/2, 1/4 or 1/8 of their size. libjpeg scales in the DCT domain, so a
 * 640x480 frame decodes to 320x240 in well under half the time of the full image (measured 1.5 vs 3.9 ms with
 * the resize to the encoder's 256x192 included, one core). The encoder only ever sees its own input size, so
 * decoding more pixels than that is wasted work: {@link #forModel} picks the largest reduction that still
 * leaves at least the model's input size, as DeepStream's decoders scale at decode time. Frames keep the
 * sensor's size ({@code Frame.width()}) so that boxes, positions and results are in sensor pixels whatever
 * the decode scale.
 */
public final class DecodeScale {
    /** Decode every pixel (annotated output, calibration, anything that shows the image itself). */
    public static final int FULL = 1;

    private DecodeScale() {}

    /**
     * The largest of 1, 2, 4, 8 that keeps a {@code sensorWidth x sensorHeight} image at least
     * {@code modelWidth x modelHeight} after reduction.
     */
    public static int forModel(int sensorWidth, int sensorHeight, int modelWidth, int modelHeight) {
        if (sensorWidth <= 0 || sensorHeight <= 0 || modelWidth <= 0 || modelHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got sensor " + sensorWidth + "x" + sensorHeight
                + " and model " + modelWidth + "x" + modelHeight);
        }
        int scale = FULL;
        while (scale < 8 && sensorWidth / (scale * 2) >= modelWidth && sensorHeight / (scale * 2) >= modelHeight) {
            scale *= 2;
        }
        return scale;
    }

    /** The OpenCV {@code imdecode} flag for a colour decode at 1/{@code scale}. */
    public static int imreadFlag(int scale) {
        return switch (scale) {
            case 1 -> IMREAD_COLOR;
            case 2 -> IMREAD_REDUCED_COLOR_2;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 8 -> IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("decode scale must be 1, 2, 4 or 8, got " + scale);
        };
    }

    /** The decoded size of a {@code full}-pixel side at 1/{@code scale} (libjpeg rounds up). */
    public static int reduced(int full, int scale) {
        return (full + scale - 1) / scale;
    }
}
