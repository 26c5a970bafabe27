package io.sightline.perception.pack;

/**
 * The encoder's input: resize (OpenCV INTER_AREA, no letterbox) to {@code width x height}, channel order,
 * then {@code x = (pixel * scale - mean[c]) / std[c]} per channel, NCHW float32.
 */
public record ImageSpec(int width, int height, boolean rgb, double scale, float[] mean, float[] std) {
    public ImageSpec {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values, got " + mean.length + " and " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }
}
