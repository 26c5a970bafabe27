package io.sightline.scenes.eval;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.expressions.SpatialPredicates;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores asserted relations against the relations that hold on the ground-truth positions, with the margins
 * of {@link SpatialPredicates#holds} (5 cm for directions, 15 cm for NEAR). The pairs decided in a frame are
 * the ordered pairs of distinct ground-truth objects that were detected (matched at IoU 0.5), plus any pair an
 * asserted triple names; each pair is decided for every {@link Predicate}.
 */
public final class RelationEvaluator {
    private int decisions;
    private int agreements;
    private int predicted;
    private int truePredicted;
    private int holding;

    /** Adds one frame: its ground truth, the matched objects' ids and the triples asserted in it. */
    public void add(GroundTruthFrame frame, Set<Integer> detectedIds, List<RelationPrediction> asserted) {
        Map<Integer, ObjectAnnotation> objects = new java.util.HashMap<>();
        frame.annotation().objects().forEach(o -> objects.put(o.id(), o));
        Set<Triple> claims = new HashSet<>();
        Set<Integer> ids = new java.util.TreeSet<>(detectedIds);
        for (RelationPrediction r : asserted) {
            for (int id : new int[] {r.subjectId(), r.objectId()}) {
                if (!objects.containsKey(id)) {
                    throw new IllegalArgumentException("scene " + frame.scene() + " frame " + frame.annotation().index()
                        + ": relation " + r.predicate() + "(" + r.subjectId() + ", " + r.objectId() + ") names object "
                        + id + ", which is not in the frame");
                }
                ids.add(id);
            }
            claims.add(new Triple(r.subjectId(), r.predicate(), r.objectId()));
        }
        for (int a : ids) {
            for (int b : ids) {
                if (a == b) {
                    continue;
                }
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
