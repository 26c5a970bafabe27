package io.sightline.perception.vlm;

import java.util.Locale;

/** Which vision encoder graph runs: the FP32 export or the INT8 QDQ graph written by {@code sightline calibrate int8}. */
public enum EncoderPrecision {
    FP32, INT8;

    public static EncoderPrecision parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("precision must be fp32 or int8, got '" + value + "'", e);
        }
    }
}
