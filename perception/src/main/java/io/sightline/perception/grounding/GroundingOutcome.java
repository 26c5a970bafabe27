package io.sightline.perception.grounding;

import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of matching a decoded answer to the tracked objects.
 *
 * @param status     OK, NO_MATCH or AMBIGUOUS
 * @param target     the matched object (OK only)
 * @param iou        IoU of the decoded box with the best candidate; 0 without one
 * @param candidates label-compatible objects over the IoU threshold, best first (two or more when AMBIGUOUS)
 * @param evidence   relations involving the target, most relevant to the expression's words first (OK only)
 * @param reason     one line for people and logs: why this status
 */
public record GroundingOutcome(GroundingStatus status, Optional<TrackedObject> target, double iou,
                               List<TrackedObject> candidates, List<SpatialRelation> evidence, String reason) {
    public GroundingOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(target, "target");
        candidates = List.copyOf(candidates);
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(reason, "reason");
        if ((status == GroundingStatus.OK) != target.isPresent()) {
            throw new IllegalArgumentException("grounding outcome: status " + status + " with target " + target);
        }
    }

    /** The evidence as "LEFT_OF(3, 5)" strings, in order. */
    public List<String> evidenceCompact() {
        return evidence.stream().map(SpatialRelation::compact).toList();
    }
}
