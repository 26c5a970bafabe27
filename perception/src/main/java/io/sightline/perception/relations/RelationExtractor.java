package io.sightline.perception.relations;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.tracking.TrackedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Pairwise spatial relations between located objects, in base_link (ARCHITECTURE.md section 6), with the
 * margins of {@link RelationConfig}: LEFT_OF / RIGHT_OF by y (y points left), IN_FRONT_OF / BEHIND by x (x
 * points away from the robot, so "in front of" is nearer the robot), NEAR by planar distance. Inside the band
 * |offset| <= margin no direction is asserted on that axis.
 *
 * <p>Every ordered pair is related, so both LEFT_OF(a, b) and RIGHT_OF(b, a) appear, and NEAR both ways: a
 * consumer asking "what do we know about a?" finds it among the relations where a is the subject.
 */
public final class RelationExtractor {
    /** The frame every relation is stated in. */
    public static final String FRAME = "base_link";

    private final RelationConfig config;

    public RelationExtractor(RelationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public RelationConfig config() {
        return config;
    }

    /**
     * Relations between every ordered pair of objects that have a position, ordered by subject id, object id and
     * predicate. Objects without a position take part in none.
     */
    public List<SpatialRelation> extract(List<TrackedObject> objects) {
        List<TrackedObject> located = objects.stream().filter(o -> o.position().isPresent())
            .sorted(java.util.Comparator.comparingInt(TrackedObject::trackId)).toList();
        List<SpatialRelation> out = new ArrayList<>();
        for (TrackedObject a : located) {
            for (TrackedObject b : located) {
                if (a.trackId() != b.trackId()) {
                    relate(a, b, out);
                }
            }
        }
        return out;
    }

    private void relate(TrackedObject a, TrackedObject b, List<SpatialRelation> out) {
        Vec3 p = a.position().orElseThrow();
        Vec3 q = b.position().orElseThrow();
        double distance = Math.hypot(p.x() - q.x(), p.y() - q.y());
        for (Predicate predicate : Predicate.values()) {
            if (holds(predicate, p, q)) {
                out.add(new SpatialRelation(a.trackId(), predicate, b.trackId(), distance, offset(predicate, p, q), FRAME,
                    text(a.label(), predicate, b.label(), distance)));
            }
        }
    }

    /** Does predicate(p, q) hold: a direction beyond the margin, NEAR under the near threshold (what {@link #extract} reports). */
    public boolean holds(Predicate predicate, Vec3 p, Vec3 q) {
        double offset = offset(predicate, p, q);
        return predicate == Predicate.NEAR ? offset < config.nearThreshold() : offset > config.directionMargin();
    }

    /**
     * Is predicate(p, q) clearly false: the target beyond the margin the other way, or (NEAR) farther than the
     * not-near threshold. Between this and {@link #holds} lies the ambiguity band.
     */
    public boolean contradicted(Predicate predicate, Vec3 p, Vec3 q) {
        double offset = offset(predicate, p, q);
        return predicate == Predicate.NEAR ? offset > config.notNearThreshold() : offset < -config.directionMargin();
    }

    /** Signed offset of p from q in the predicate's direction (positive: in that direction); the distance for NEAR. */
    public static double offset(Predicate predicate, Vec3 p, Vec3 q) {
        return switch (predicate) {
            case LEFT_OF -> p.y() - q.y();
            case RIGHT_OF -> q.y() - p.y();
            case IN_FRONT_OF -> q.x() - p.x();
            case BEHIND -> p.x() - q.x();
            case NEAR -> Math.hypot(p.x() - q.x(), p.y() - q.y());
        };
    }

    /**
     * Is the relation clear enough to say in a description: a direction with an offset above
     * {@link RelationConfig#directionClear()}, or NEAR (whose band lies on the not-near side).
     */
    public boolean isClear(SpatialRelation relation) {
        return isClear(relation.predicate(), relation.predicate() == Predicate.NEAR ? relation.distanceM() : relation.offsetM());
    }

    /** Is predicate(p, q) clear enough to say in a description ({@link #isClear(SpatialRelation)} on positions). */
    public boolean isClear(Predicate predicate, Vec3 p, Vec3 q) {
        return isClear(predicate, offset(predicate, p, q));
    }

    /**
     * The relation a description says of p from q: NEAR when it holds, else the clear direction ({@link #isClear})
     * with the largest offset (on a tie the first in {@link Predicate} order); empty when none is clear.
     */
    public Optional<Predicate> clearest(Vec3 p, Vec3 q) {
        if (isClear(Predicate.NEAR, p, q)) {
            return Optional.of(Predicate.NEAR);
        }
        Optional<Predicate> best = Optional.empty();
        double bestOffset = Double.NEGATIVE_INFINITY;
        for (Predicate direction : Predicate.values()) {
            if (direction != Predicate.NEAR && isClear(direction, p, q) && offset(direction, p, q) > bestOffset) {
                best = Optional.of(direction);
                bestOffset = offset(direction, p, q);
            }
        }
        return best;
    }

    /** @param offset the {@link #offset} of a relation that holds (for NEAR, the distance) */
    private boolean isClear(Predicate predicate, double offset) {
        return predicate == Predicate.NEAR ? offset < config.nearThreshold() : offset > config.directionClear();
    }

    static String text(String subject, Predicate predicate, String object, double distance) {
        return subject + " " + predicate.words() + " " + object + String.format(Locale.ROOT, ", %.2f m", distance);
    }
}
