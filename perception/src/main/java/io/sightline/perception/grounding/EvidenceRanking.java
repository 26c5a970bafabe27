package io.sightline.perception.grounding;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackedObject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders the relations that involve a grounding target by how much they say about the expression: a relation
 * whose predicate, read from the target (the {@linkplain Predicate#inverse() inverse} where the target is the
 * object), the expression names ("left of", "next to") scores 2, and each of the other object's colour and shape the
 * expression names scores 1. Ties go to the nearer pair, then to the compact text, so the order is stable.
 */
final class EvidenceRanking {
    private EvidenceRanking() {
    }

    static List<SpatialRelation> rank(String expression, TrackedObject target, List<SpatialRelation> relations,
                                      List<TrackedObject> tracks) {
        String padded = " " + String.join(" ", LabelMatch.wordList(expression)) + " ";
        Set<String> words = LabelMatch.words(expression);
        Map<Integer, TrackedObject> byId = tracks.stream()
            .collect(Collectors.toMap(TrackedObject::trackId, Function.identity(), (a, b) -> a));
        return relations.stream()
            .filter(r -> r.involves(target.trackId()))
            .sorted(Comparator.comparingDouble((SpatialRelation r) -> -score(r, target, padded, words, byId))
                .thenComparingDouble(SpatialRelation::distanceM)
                .thenComparing(SpatialRelation::compact))
            .toList();
    }

    private static double score(SpatialRelation r, TrackedObject target, String padded, Set<String> words,
                                Map<Integer, TrackedObject> byId) {
        double score = 0;
        boolean targetIsSubject = r.subjectId() == target.trackId();
        if (names(padded, targetIsSubject ? r.predicate() : r.predicate().inverse())) {
            score += 2;
        }
        int otherId = targetIsSubject ? r.objectId() : r.subjectId();
        Optional<TrackedObject> other = Optional.ofNullable(byId.get(otherId));
        if (other.isPresent()) {
            if (!other.get().colour().isEmpty() && words.contains(other.get().colour().toLowerCase(Locale.ROOT))) {
                score += 1;
            }
            if (words.contains(other.get().shape().toLowerCase(Locale.ROOT))) {
                score += 1;
            }
        }
        return score;
    }

    private static boolean names(String padded, Predicate predicate) {
        return predicate.phrasings().stream().anyMatch(p -> padded.contains(" " + p + " "));
    }
}
