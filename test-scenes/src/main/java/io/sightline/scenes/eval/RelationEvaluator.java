package io.sightline.scenes.eval;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.expressions.SpatialPredicates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores asserted relations against the relations that hold on the ground-truth positions, with the margins
 * of {@link SpatialPredicates#holds} (5 cm for directions, 15 cm for NEAR). An asserted relation also asserts its
 * {@linkplain Predicate#inverse() inverse} (the service states each pair once). The pairs decided in a frame are the
 * pairs the service is meant to speak about: the neighbouring pairs ({@link RelationExtractor#neighbourPairs}, the
 * service's rule and number of neighbours) of the ground-truth objects that were detected (matched at IoU 0.5), on
 * their ground-truth positions, plus any pair an asserted triple names; each pair is decided in both orders for every
 * {@link Predicate}.
 */
public final class RelationEvaluator {
    private final RelationExtractor pairs;
    private int decisions;
    private int agreements;
    private int predicted;
    private int truePredicted;
    private int holding;

    /** With the service's default number of neighbours ({@link RelationExtractor#DEFAULT_NEIGHBOURS}). */
    public RelationEvaluator() {
        this(RelationExtractor.DEFAULT_NEIGHBOURS);
    }

    /** @param neighbours the {@code relations.neighbours} the scored run was made with */
    public RelationEvaluator(int neighbours) {
        this.pairs = new RelationExtractor(RelationConfig.groundTruthMargins(), neighbours);
    }

    /** Adds one frame: its ground truth, the matched objects' ids and the triples asserted in it. */
    public void add(GroundTruthFrame frame, Set<Integer> detectedIds, List<RelationPrediction> asserted) {
        Map<Integer, ObjectAnnotation> objects = new java.util.HashMap<>();
        frame.annotation().objects().forEach(o -> objects.put(o.id(), o));
        Set<Triple> claims = new HashSet<>();
        Set<List<Integer>> decided = new HashSet<>();
        for (RelationPrediction r : asserted) {
            for (int id : new int[] {r.subjectId(), r.objectId()}) {
                if (!objects.containsKey(id)) {
                    throw new IllegalArgumentException("scene " + frame.scene() + " frame " + frame.annotation().index()
                        + ": relation " + r.predicate() + "(" + r.subjectId() + ", " + r.objectId() + ") names object "
                        + id + ", which is not in the frame");
                }
            }
            claims.add(new Triple(r.subjectId(), r.predicate(), r.objectId()));
            claims.add(new Triple(r.objectId(), r.predicate().inverse(), r.subjectId()));
            decided.add(List.of(Math.min(r.subjectId(), r.objectId()), Math.max(r.subjectId(), r.objectId())));
        }
        List<Integer> ids = new ArrayList<>(new TreeSet<>(detectedIds));
        for (int[] pair : pairs.neighbourPairs(ids.stream().map(id -> objects.get(id).position()).toList())) {
            decided.add(List.of(ids.get(pair[0]), ids.get(pair[1])));
        }
        for (List<Integer> pair : decided) {
            if (pair.get(0).equals(pair.get(1))) {
                continue;
            }
            for (int[] ordered : new int[][] {{pair.get(0), pair.get(1)}, {pair.get(1), pair.get(0)}}) {
                int a = ordered[0];
                int b = ordered[1];
                for (Predicate rel : Predicate.values()) {
                    boolean truth = SpatialPredicates.holds(rel, objects.get(a), objects.get(b));
                    boolean claim = claims.contains(new Triple(a, rel, b));
                    decisions++;
                    agreements += truth == claim ? 1 : 0;
                    predicted += claim ? 1 : 0;
                    truePredicted += claim && truth ? 1 : 0;
                    holding += truth ? 1 : 0;
                }
            }
        }
    }

    public RelationMetrics metrics() {
        return metrics(0);
    }

    /** The totals, with the count of reported relations that could not be tied to ground truth. */
    public RelationMetrics metrics(int unresolved) {
        return new RelationMetrics(decisions, agreements, predicted, truePredicted, holding, unresolved);
    }

    private record Triple(int subject, Predicate predicate, int object) {}
}
