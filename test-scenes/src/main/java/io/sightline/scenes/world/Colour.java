package io.sightline.scenes.world;

import java.util.Locale;

/** Object colours with their diffuse albedo (sRGB, 0..255) as a paint chip would show it under white light. */
public enum Colour {
    RED(200, 28, 30),
    GREEN(40, 150, 55),
    BLUE(30, 70, 200),
    YELLOW(235, 200, 35),
    ORANGE(240, 115, 20),
    PURPLE(125, 45, 160);

    private final int r;
    private final int g;
    private final int b;

    Colour(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Albedo in linear RGB (0..1), what the shading works in. */
    public double[] linearRgb() {
        return new double[] {toLinear(r), toLinear(g), toLinear(b)};
    }

    static double toLinear(int srgb) {
        return StrictMath.pow(srgb / 255.0, 2.2);
    }
}
