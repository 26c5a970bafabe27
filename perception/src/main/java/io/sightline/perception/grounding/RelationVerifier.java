package io.sightline.perception.grounding;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.tracking.TrackedObject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the decoder's target against the relation the expression states ({@link StatedRelation}), on the tracks'
 * metric positions, with the relation extractor's own rules ({@link RelationExtractor#holds},
 * {@link RelationExtractor#contradicted}), so a check agrees with the relations the service reports. Anchors are the other visible tracks with the colour and shape the
 * expression gives the anchor. An expression whose anchor names no attribute ("the one left of it"), or a target
 * without a position, is not checked.
 */
final class RelationVerifier {
    private final RelationExtractor relations;

    RelationVerifier(RelationExtractor relations) {
        this.relations = Objects.requireNonNull(relations, "relations");
    }

    /** Empty when the answer stands under {@code check}; else why it does not. */
    Optional<String> rejection(GroundingConfig.RelationCheck check, StatedRelation stated, TrackedObject target,
                               List<TrackedObject> tracks) {
        if (check == GroundingConfig.RelationCheck.OFF || !stated.anchor().namesAttributes() || target.position().isEmpty()) {
            return Optional.empty();
        }
        Vec3 p = target.position().get();
        List<TrackedObject> anchors = tracks.stream()
            .filter(t -> t.trackId() != target.trackId() && t.position().isPresent() && stated.anchor().fits(t))
            .sorted(Comparator.comparingDouble((TrackedObject t) -> planar(p, t.position().get())).thenComparingInt(TrackedObject::trackId))
            .toList();
        String subject = String.format(Locale.ROOT, "track %d (%s)", target.trackId(), target.label());
        if (anchors.isEmpty()) {
            return check == GroundingConfig.RelationCheck.UNSUPPORTED
                ? Optional.of(subject + " fits the box, but no tracked " + stated.anchor().describe()
                    + " is there to be '" + stated.phrasing() + "'")
                : Optional.empty();
        }
        boolean rejected = check == GroundingConfig.RelationCheck.UNSUPPORTED
            ? anchors.stream().noneMatch(a -> relations.holds(stated.predicate(), p, a.position().get()))
            : anchors.stream().allMatch(a -> relations.contradicted(stated.predicate(), p, a.position().get()));
        if (!rejected) {
            return Optional.empty();
        }
        TrackedObject nearest = anchors.get(0);
        Vec3 q = nearest.position().get();
        String measured = stated.predicate() == Predicate.NEAR
            ? String.format(Locale.ROOT, "%.2f m from", planar(p, q))
            : String.format(Locale.ROOT, "%+.2f m %s", RelationExtractor.offset(stated.predicate(), p, q),
                stated.predicate().words());
        return Optional.of(String.format(Locale.ROOT, "%s fits the box, but the expression asks for one %s and it is %s"
                + " track %d (%s)%s", subject, stated.describe(), measured, nearest.trackId(), nearest.label(),
            anchors.size() > 1 ? ", the nearest of " + anchors.size() + " tracked " + stated.anchor().describe() + "s" : ""));
    }

    private static double planar(Vec3 p, Vec3 q) {
        return RelationExtractor.offset(Predicate.NEAR, p, q);
    }
}
