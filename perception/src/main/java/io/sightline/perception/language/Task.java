package io.sightline.perception.language;

import java.util.Locale;

/** What a {@link Prompt} asks for; decides the answer grammar and the manifest's token budget. */
public enum Task {
    /** {@code ground <expression>}: one box and label, or {@code none}. */
    GROUND,
    /** {@code detect} or {@code detect red cup ; blue box}: boxes with labels separated by {@code ;}, or {@code none}. */
    DETECT,
    /** {@code describe}: free text over the vocabulary. */
    DESCRIBE;

    /** The task's word in prompts and its key in the manifest ({@code max_new_tokens}, {@code none_threshold}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
