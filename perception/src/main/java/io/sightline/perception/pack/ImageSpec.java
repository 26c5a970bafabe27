package io.sightline.perception.pack;

/**
 * The image graph's input: resize ({@link Resize}, no letterbox: x and y scale separately) to {@code width x height},
 * channel order ({@code rgb}, else BGR as OpenCV decodes), then {@code x = (pixel * scale - mean[c]) / std[c]} per
 * channel (mean and std in the graph's channel order), NCHW float32.
 */
public record ImageSpec(int width, int height, boolean rgb, double scale, float[] mean, float[] std, Resize resize) {
    /** OpenCV interpolation of the resize, read from the manifest's {@code image.resize} text. */
    public enum Resize {
        /** {@code INTER_AREA} (the tabletop pack's training code; the default when the manifest names neither). */
        AREA,
        /** {@code INTER_LINEAR} (bilinear, as NanoDet's and TF.js' preprocessing). */
        LINEAR;

        /** {@code "OpenCV INTER_LINEAR to width x height"} -> LINEAR; INTER_AREA or no text -> AREA. */
        public static Resize fromManifest(String text) {
            return text != null && text.toUpperCase(java.util.Locale.ROOT).contains("INTER_LINEAR") ? LINEAR : AREA;
        }
    }

    public ImageSpec {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values, got " + mean.length + " and " + std.length);
        }
        java.util.Objects.requireNonNull(resize, "resize");
        mean = mean.clone();
        std = std.clone();
    }

    /** An {@code INTER_AREA} spec (the tabletop pack's). */
    public ImageSpec(int width, int height, boolean rgb, double scale, float[] mean, float[] std) {
        this(width, height, rgb, scale, mean, std, Resize.AREA);
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
