package io.sightline.scenes.expressions;

import io.sightline.perception.scene.ObjectAnnotation;

/**
 * Spatial relations with explicit margins, in the robot frame {@code base_link} (REP-103: x forward, y left,
 * z up), evaluated on the objects' footprint centres ({@link ObjectAnnotation#position()}).
 *
 * <p>Each relation has a definition ({@link #holds}) and a three-valued reading ({@link #truth}) that leaves an
 * ambiguity band around the definition's edge. The generator uses only clear cases, so a reader of its ground
 * truth never meets a relation that a centimetre of placement or of estimation error would flip.
 */
public final class SpatialPredicates {
    /**
     * LEFT_OF / RIGHT_OF / IN_FRONT_OF / BEHIND hold when the signed offset along the axis exceeds 5 cm: about
     * half the footprint of the smallest object, so "left of" means visibly left, not level.
     */
    public static final double DIRECTION_MARGIN = 0.05;
    /**
     * The generator states a direction only above twice the margin (10 cm) and denies it only at or below zero:
     * offsets in (0, 0.10] m are the ambiguity band and never decide ground truth.
     */
    public static final double DIRECTION_CLEAR = 2 * DIRECTION_MARGIN;
    /** NEAR holds when the footprint centres are under 15 cm apart on the table plane (touching or a gap of a few cm). */
    public static final double NEAR_THRESHOLD = 0.15;
    /** Clearly not near beyond 25 cm; 15..25 cm is the ambiguity band for NEAR. */
    public static final double NOT_NEAR_THRESHOLD = 0.25;
    /**
     * A superlative ("the leftmost cube") is stated only when the winner beats the runner-up by more than
     * 10 cm of the compared quantity (range or y), the same width as the direction band.
     */
    public static final double SUPERLATIVE_GAP = 0.10;
    /** Only objects with more than half of their projected area visible may be targets or anchors. */
    public static final double VISIBILITY_THRESHOLD = 0.5;

    private SpatialPredicates() {
    }

    /** The definition: does {@code relation(a, b)} hold? */
    public static boolean holds(Relation relation, ObjectAnnotation a, ObjectAnnotation b) {
        if (relation == Relation.NEAR) {
            return planarDistance(a, b) < NEAR_THRESHOLD;
        }
        return directionOffset(relation, a, b) > DIRECTION_MARGIN;
    }

    /** How clearly {@code relation(a, b)} holds; BORDERLINE inside the ambiguity band. */
    public static Truth truth(Relation relation, ObjectAnnotation a, ObjectAnnotation b) {
        if (relation == Relation.NEAR) {
            double d = planarDistance(a, b);
            return d < NEAR_THRESHOLD ? Truth.TRUE : d > NOT_NEAR_THRESHOLD ? Truth.FALSE : Truth.BORDERLINE;
        }
        double offset = directionOffset(relation, a, b);
        return offset > DIRECTION_CLEAR ? Truth.TRUE : offset <= 0 ? Truth.FALSE : Truth.BORDERLINE;
    }

    /**
     * The signed offset, in metres, by which {@code a} lies in the relation's direction from {@code b}
     * (positive: in that direction).
     */
    public static double directionOffset(Relation relation, ObjectAnnotation a, ObjectAnnotation b) {
        return switch (relation) {
            case LEFT_OF -> a.position().y() - b.position().y();
            case RIGHT_OF -> b.position().y() - a.position().y();
            case IN_FRONT_OF -> b.position().x() - a.position().x();
            case BEHIND -> a.position().x() - b.position().x();
            case NEAR -> throw new IllegalArgumentException("NEAR has no direction; use planarDistance");
        };
    }

    /** The quantity a superlative maximises, in metres: larger is more extreme. */
    public static double extremeScore(Extreme extreme, ObjectAnnotation o) {
        return switch (extreme) {
            case NEAREST -> -range(o);
            case FARTHEST -> range(o);
            case LEFTMOST -> o.position().y();
            case RIGHTMOST -> -o.position().y();
        };
    }

    /** Distance of the footprint centre from the base_link origin on the table plane (z ignored). */
    public static double range(ObjectAnnotation o) {
        return Math.hypot(o.position().x(), o.position().y());
    }

    /** Distance between footprint centres on the table plane (z ignored). */
    public static double planarDistance(ObjectAnnotation a, ObjectAnnotation b) {
        return Math.hypot(a.position().x() - b.position().x(), a.position().y() - b.position().y());
    }

    /** May this object be a target or an anchor? */
    public static boolean referable(ObjectAnnotation o) {
        return o.visibility() > VISIBILITY_THRESHOLD;
    }
}
