package io.sightline.perception.grounding;

import io.sightline.perception.relations.Predicate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relation a referring expression states between its target and an anchor: "the red cup left of the blue
 * cube" -> {@link Predicate#LEFT_OF}, anchor "blue cube"; "the one next to the ball" -> {@link Predicate#NEAR},
 * anchor "ball". The predicate is the earliest phrasing of {@link Predicate#phrasings()} in the expression (the
 * longest at that word, so "to the left of" beats "left of" and "nearer than" beats "near"); the anchor is what
 * follows it, read as a {@link TargetPhrase} (colour and shape words of the model's vocabulary).
 *
 * @param predicate what the target must be relative to the anchor
 * @param phrasing  the words that named it, as written in the expression
 * @param anchor    the colour and shape the anchor is described by (may name neither: "the one left of it")
 */
public record StatedRelation(Predicate predicate, String phrasing, TargetPhrase anchor) {
    /** Every phrasing of every predicate as words, longest first, so the first match at a word is the longest. */
    private static final List<Map.Entry<Predicate, List<String>>> PHRASINGS = Arrays.stream(Predicate.values())
        .flatMap(p -> p.phrasings().stream().map(ph -> Map.entry(p, LabelMatch.wordList(ph))))
        .sorted(Comparator.comparingInt((Map.Entry<Predicate, List<String>> e) -> -e.getValue().size()))
        .toList();

    /** The stated relation, or empty when the expression names no predicate or nothing after it. */
    public static Optional<StatedRelation> of(String expression, Collection<String> colours, Collection<String> shapes) {
        List<String> words = LabelMatch.wordList(expression == null ? "" : expression);
        for (int i = 1; i < words.size(); i++) {
            for (Map.Entry<Predicate, List<String>> e : PHRASINGS) {
                List<String> pw = e.getValue();
                if (i + pw.size() < words.size() && words.subList(i, i + pw.size()).equals(pw)) {
                    String rest = String.join(" ", words.subList(i + pw.size(), words.size()));
                    return Optional.of(new StatedRelation(e.getKey(), String.join(" ", pw),
                        TargetPhrase.of(rest, colours, shapes)));
                }
            }
        }
        return Optional.empty();
    }

    /** "left of the blue cube". */
    public String describe() {
        return phrasing + " the " + anchor.describe();
    }
}
