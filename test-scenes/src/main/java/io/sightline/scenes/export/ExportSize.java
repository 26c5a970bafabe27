package io.sightline.scenes.export;

import java.util.Locale;

/** The model input resolution of a training export, parsed from {@code WIDTHxHEIGHT} ("256x192"). */
public record ExportSize(int width, int height) {
    public ExportSize {
        if (width < 8 || height < 8 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("export size must be within 8..4096 pixels per side, got " + width + "x" + height);
        }
    }

    public static ExportSize parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("export size must look like WIDTHxHEIGHT (e.g. 256x192), got '" + text + "'");
        }
        try {
            return new ExportSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("export size must look like WIDTHxHEIGHT (e.g. 256x192), got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
