package io.sightline.perception.relations;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.tracking.TrackedObject;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>What a planner reads, stated once ({@link #extract}): one relation per unordered pair and axis (left/right,
 * front/behind, near), the lower track id as the subject; the other direction is the {@link Predicate#inverse()}
 * and is implied, never sent (LEFT_OF(3, 5) says RIGHT_OF(5, 3) too). Only pairs of neighbours are related: each
 * object with its {@link #neighbours()} nearest others (planar distance, ties by track id), a pair kept when
 * either is among the other's nearest; a scene of n objects so gets at most n x k pairs instead of n(n-1)/2.
 */
public final class RelationExtractor {
    /** The frame every relation is stated in. */
    public static final String FRAME = "base_link";
    /** Neighbours per object when none are configured ({@code relations.neighbours}). */
    public static final int DEFAULT_NEIGHBOURS = 3;

    private final RelationConfig config;
    private final int neighbours;

    /** With {@link #DEFAULT_NEIGHBOURS} neighbours per object. */
    public RelationExtractor(RelationConfig config) {
        this(config, DEFAULT_NEIGHBOURS);
    }

    /** @param neighbours how many nearest others each object is related to (at least 1) */
    public RelationExtractor(RelationConfig config, int neighbours) {
        this.config = Objects.requireNonNull(config, "config");
        if (neighbours < 1) {
            throw new IllegalArgumentException("relations.neighbours must be at least 1, got " + neighbours);
        }
        this.neighbours = neighbours;
    }

    public RelationConfig config() {
        return config;
    }

    /** How many nearest others each object is related to. */
    public int neighbours() {
        return neighbours;
    }

    /**
     * Relations between the neighbouring pairs of objects that have a position, one per pair and axis with the
     * lower track id as subject, ordered by subject id, object id and predicate. Objects without a position take
     * part in none.
     */
    public List<SpatialRelation> extract(List<TrackedObject> objects) {
        List<TrackedObject> located = objects.stream().filter(o -> o.position().isPresent())
            .sorted(Comparator.comparingInt(TrackedObject::trackId)).toList();
        List<SpatialRelation> out = new ArrayList<>();
        for (int[] pair : neighbourPairs(located.stream().map(o -> o.position().get()).toList())) {
            relate(located.get(pair[0]), located.get(pair[1]), out);
        }
        return out;
    }

    /**
     * The neighbouring pairs among {@code positions} as index pairs {@code {i, j}} with i < j, in that order: j among
     * i's {@link #neighbours()} nearest (planar distance, ties to the lower index) or i among j's.
     */
    public List<int[]> neighbourPairs(List<Vec3> positions) {
        int n = positions.size();
        boolean[][] kept = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            final int from = i;
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others.add(j);
                }
            }
            others.sort(Comparator.comparingDouble((Integer j) -> offset(Predicate.NEAR, positions.get(from), positions.get(j)))
                .thenComparingInt(j -> j));
            for (int j : others.subList(0, Math.min(neighbours, others.size()))) {
                kept[Math.min(i, j)][Math.max(i, j)] = true;
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (kept[i][j]) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        return pairs;
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
