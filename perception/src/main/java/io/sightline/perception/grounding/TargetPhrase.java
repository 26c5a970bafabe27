package io.sightline.perception.grounding;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.tracking.TrackedObject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes a referring expression states for its target: the colour and shape words of its head, the words
 * before the first word that starts a relation or a trailing superlative ("the red cup behind the box" -> red, cup;
 * "the rightmost green cone" -> green, cone; "the one left of the ball" -> nothing). Only words of the model's
 * vocabulary count, so free text with other words states nothing rather than something wrong.
 *
 * @param colour the colour the head names, if any
 * @param shape  the shape the head names, if any
 */
public record TargetPhrase(Optional<String> colour, Optional<String> shape) {
    /**
     * Words that end the head: the first word of every relation phrasing ({@link Predicate#phrasings()}: "left",
     * "to", "in", "behind", "next", ...), superlatives that follow the noun ("the cup nearest to the robot") and
     * words that start a clause.
     */
    private static final Set<String> HEAD_ENDS = headEnds();

    public static final TargetPhrase NONE = new TargetPhrase(Optional.empty(), Optional.empty());

    private static Set<String> headEnds() {
        Set<String> ends = new HashSet<>(Set.of("closest", "nearest", "farthest", "furthest", "of", "from", "above", "below",
            "under", "between", "that", "which", "with"));
        for (Predicate p : Predicate.values()) {
            p.phrasings().forEach(phrasing -> ends.add(LabelMatch.wordList(phrasing).get(0)));
        }
        return Set.copyOf(ends);
    }

    public static TargetPhrase of(String expression, Collection<String> colours, Collection<String> shapes) {
        List<String> words = LabelMatch.wordList(expression);
        Optional<String> colour = Optional.empty();
        Optional<String> shape = Optional.empty();
        for (String w : words) {
            if (HEAD_ENDS.contains(w)) {
                break;
            }
            if (colour.isEmpty() && colours.contains(w)) {
                colour = Optional.of(w);
            } else if (shape.isEmpty() && shapes.contains(w)) {
                shape = Optional.of(w);
            }
        }
        return new TargetPhrase(colour, shape);
    }

    /** True when the head names a colour or a shape. */
    public boolean namesAttributes() {
        return colour.isPresent() || shape.isPresent();
    }

    /** The track has every attribute the head names. */
    public boolean fits(TrackedObject track) {
        return colour.map(c -> c.equalsIgnoreCase(track.colour())).orElse(true)
            && shape.map(s -> s.equalsIgnoreCase(track.shape())).orElse(true);
    }

    /** "red cup", "cup", "red one". */
    public String describe() {
        return colour.map(c -> c + " ").orElse("") + shape.orElse("one");
    }
}
