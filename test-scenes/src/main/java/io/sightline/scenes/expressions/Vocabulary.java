package io.sightline.scenes.expressions;

import java.util.List;

/** The words the expressions use for objects: the shapes and colours of the tabletop world (ARCHITECTURE.md 5). */
public final class Vocabulary {
    public static final List<String> SHAPES = List.of("cube", "cup", "ball", "bottle", "can", "cone");
    public static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "orange", "purple");

    private Vocabulary() {
    }

    /** "a" or "an", by the sound of the word that follows ("an orange cup"). */
    public static String indefiniteArticle(String nextWord) {
        return nextWord.isEmpty() || "aeiou".indexOf(nextWord.charAt(0)) < 0 ? "a" : "an";
    }
}
