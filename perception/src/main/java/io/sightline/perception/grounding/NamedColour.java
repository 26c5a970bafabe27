package io.sightline.perception.grounding;

/**
 * The fixed set of colour names the object grounder measures ({@link ColourProfile}), with the HSV rule that puts one
 * pixel under one name. Hue in degrees [0, 360), saturation and value in [0, 1], of a pixel after the frame's
 * grey-world correction ({@link ColourProfile#measure}).
 *
 * <p>The rule: a pixel darker than {@link #BLACK_VALUE} is black; one with saturation under
 * {@link #GREY_SATURATION} (under {@link #GREY_SATURATION_DARK} when dim, where sensor noise tints greys) is white
 * above {@link #WHITE_VALUE}, else grey; the rest go by hue, with dark or pale oranges counted brown and pale
 * reds pink.
 */
public enum NamedColour {
    RED, ORANGE, YELLOW, GREEN, BLUE, PURPLE, PINK, BROWN, BLACK, WHITE, GREY;

    static final double BLACK_VALUE = 0.18;
    static final double GREY_SATURATION = 0.20;
    static final double GREY_SATURATION_DARK = 0.30;
    static final double WHITE_VALUE = 0.62;

    /** The name of one pixel. */
    public static NamedColour of(double hue, double saturation, double value) {
        if (value < BLACK_VALUE) {
            return BLACK;
        }
        if (saturation < (value < 0.4 ? GREY_SATURATION_DARK : GREY_SATURATION)) {
            return value > WHITE_VALUE ? WHITE : GREY;
        }
        if (hue < 12 || hue >= 340) {
            return saturation < 0.45 && value > 0.6 ? PINK : value < 0.35 ? BROWN : RED;
        }
        if (hue < 40) {
            return value < 0.55 || saturation < 0.45 ? BROWN : ORANGE;
        }
        if (hue < 68) {
            return value < 0.4 ? BROWN : YELLOW;
        }
        if (hue < 165) {
            return GREEN;
        }
        if (hue < 255) {
            return BLUE;
        }
        if (hue < 295) {
            return PURPLE;
        }
        return PINK;
    }

    /** The name of a pixel given as 8-bit blue, green, red. */
    public static NamedColour ofBgr(int b, int g, int r) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        double v = max / 255.0;
        double s = max == 0 ? 0 : (max - min) / (double) max;
        double h;
        if (max == min) {
            h = 0;
        } else if (max == r) {
            h = 60.0 * (g - b) / (max - min);
        } else if (max == g) {
            h = 60.0 * (b - r) / (max - min) + 120;
        } else {
            h = 60.0 * (r - g) / (max - min) + 240;
        }
        if (h < 0) {
            h += 360;
        }
        return of(h, s, v);
    }

    /** "light grey" -> GREY ... the lower-case name. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
