package io.sightline.scenes.eval;

import java.util.Locale;

/** The outcome a grounding request reported. */
public enum GroundingStatus {
    OK,
    NO_MATCH,
    AMBIGUOUS,
    ERROR;

    /** Parses "OK", "no_match", "GROUNDING_STATUS_NO_MATCH", ... */
    public static GroundingStatus parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.startsWith("GROUNDING_STATUS_")) {
            s = s.substring("GROUNDING_STATUS_".length());
        }
        try {
            return valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("grounding status '" + text + "' is not one of OK, NO_MATCH, AMBIGUOUS, ERROR", e);
        }
    }
}
