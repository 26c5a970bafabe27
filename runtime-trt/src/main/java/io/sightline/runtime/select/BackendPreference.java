package io.sightline.runtime.select;

import java.util.Locale;

/** The {@code backend:} configuration value. */
public enum BackendPreference {
    AUTO, TENSORRT, ONNXRUNTIME;

    public static BackendPreference parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("backend must be auto, tensorrt or onnxruntime, got '" + value + "'", e);
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
