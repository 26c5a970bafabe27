package io.sightline.perception.language;

import java.util.Locale;

/** What a prompt asks for, from its first word; decides the answer grammar. */
public enum Task {
    /** {@code ground <expression>}: one box and label, or {@code none}. */
    GROUND,
    /** {@code detect} or {@code detect red cup ; blue box}: boxes with labels separated by {@code ;}, or {@code none}. */
    DETECT,
    /** {@code describe}: free text over the vocabulary. */
    DESCRIBE;

    public static Task of(String prompt) {
        String first = prompt.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return switch (first) {
            case "ground" -> GROUND;
            case "detect" -> DETECT;
            case "describe" -> DESCRIBE;
            default -> throw new IllegalArgumentException("prompt must start with ground, detect or describe, got '"
                + prompt + "'");
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
