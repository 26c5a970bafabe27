package io.sightline.perception.grounding;

import io.sightline.perception.tracking.TrackedObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Does the label a model gave a box fit a tracked object? The decoder names what it boxed ("red cup", "cup",
 * "the red one"); the tracker knows a shape and a colour. They fit when the label names the object's shape (or a
 * generic noun such as "one" or "object"), and names its colour or no other word that could be one. An empty
 * label fits everything.
 */
final class LabelMatch {
    /** Words that stand for any shape, and words that never name a colour. */
    private static final Set<String> GENERIC = Set.of("one", "object", "thing", "item");
    private static final Set<String> FILLER = Set.of("the", "a", "an");

    private LabelMatch() {
    }

    static boolean fits(String label, TrackedObject track) {
        Set<String> words = words(label);
        if (words.isEmpty()) {
            return true;
        }
        String shape = track.shape().toLowerCase(Locale.ROOT);
        String colour = track.colour().toLowerCase(Locale.ROOT);
        boolean namesShape = words.contains(shape) || words.stream().anyMatch(GENERIC::contains);
        if (!namesShape) {
            return false;
        }
        if (colour.isEmpty() || words.contains(colour)) {
            return true;
        }
        // Colour not named: fits only if nothing else that could be a colour is.
        return words.stream().allMatch(w -> w.equals(shape) || GENERIC.contains(w));
    }

    static Set<String> words(String text) {
        return wordList(text).stream().filter(w -> !FILLER.contains(w)).collect(Collectors.toSet());
    }

    /** The lower-case words of {@code text} in order (the tokenisation every grounding text check shares). */
    static List<String> wordList(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
    }
}
