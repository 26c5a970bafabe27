package io.sightline.scenes.expressions;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.scene.ObjectAnnotation;

/**
 * Spatial relations with explicit margins, in the robot frame {@code base_link} (REP-103: x forward, y left,
 * z up), evaluated on the objects' footprint centres ({@link ObjectAnnotation#position()}).
 *
 * <p>The definition of each relation and its margins are perception's ({@link RelationExtractor} with
 * {@link RelationConfig#groundTruthMargins()}), so ground truth and the running system decide a relation by one
 * rule. On top of it the generator reads relations three-valued ({@link #truth}), leaving an ambiguity band
 * around the definition's edge: it uses only clear cases, so a reader of its ground truth never meets a relation
 * that a centimetre of placement or of estimation error would flip.
 */
public final class SpatialPredicates {
    /** The definition and the margins: LEFT_OF / RIGHT_OF / IN_FRONT_OF / BEHIND beyond 5 cm, NEAR under 15 cm. */
    private static final RelationExtractor DEFINITION = new RelationExtractor(RelationConfig.groundTruthMargins());
    /**
     * A superlative ("the leftmost cube") is stated only when the winner beats the runner-up by more than
     * 10 cm of the compared quantity (range or y), the same width as the direction band.
     */
    public static final double SUPERLATIVE_GAP = 0.10;
    /** Only objects with more than half of their projected area visible may be targets or anchors. */
    public static final double VISIBILITY_THRESHOLD = 0.5;

    private SpatialPredicates() {
    }

    /** The definition: does {@code relation(a, b)} hold? ({@link RelationExtractor#holds}) */
    public static boolean holds(Predicate relation, ObjectAnnotation a, ObjectAnnotation b) {
        return DEFINITION.holds(relation, a.position(), b.position());
    }

    /**
     * How clearly {@code relation(a, b)} holds; BORDERLINE inside the ambiguity band. TRUE where perception would
     * say it in a description ({@link RelationExtractor#isClear}: NEAR where it holds, a direction above
     * {@link RelationConfig#directionClear()}, twice the margin). FALSE for NEAR where perception calls it
     * contradicted (beyond {@link RelationConfig#notNearThreshold()}), for a direction only at or below zero: offsets
     * in (0, clear] never decide ground truth.
     */
    public static Truth truth(Predicate relation, ObjectAnnotation a, ObjectAnnotation b) {
        if (DEFINITION.isClear(relation, a.position(), b.position())) {
            return Truth.TRUE;
        }
        boolean clearlyFalse = relation == Predicate.NEAR
                ? DEFINITION.contradicted(relation, a.position(), b.position())
                : directionOffset(relation, a, b) <= 0;
        return clearlyFalse ? Truth.FALSE : Truth.BORDERLINE;
    }

    /**
     * The signed offset, in metres, by which {@code a} lies in the relation's direction from {@code b}
     * (positive: in that direction).
     */
    public static double directionOffset(Predicate relation, ObjectAnnotation a, ObjectAnnotation b) {
        if (relation == Predicate.NEAR) {
            throw new IllegalArgumentException("NEAR has no direction; use planarDistance");
        }
        return RelationExtractor.offset(relation, a.position(), b.position());
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
        return RelationExtractor.offset(Predicate.NEAR, a.position(), b.position());
    }

    /** May this object be a target or an anchor? */
    public static boolean referable(ObjectAnnotation o) {
        return o.visibility() > VISIBILITY_THRESHOLD;
    }
}
