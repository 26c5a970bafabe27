package io.sightline.scenes.expressions;

/**
 * Binary spatial relations between two objects, all in the robot frame {@code base_link} (REP-103: x forward,
 * y left, z up). Their definitions and margins live in {@link SpatialPredicates}.
 */
public enum Relation {
    /** a.y - b.y exceeds the direction margin. */
    LEFT_OF,
    /** b.y - a.y exceeds the direction margin. */
    RIGHT_OF,
    /** b.x - a.x exceeds the direction margin: a is nearer the robot along its forward axis. */
    IN_FRONT_OF,
    /** a.x - b.x exceeds the direction margin. */
    BEHIND,
    /** The footprint centres are closer than the near threshold on the table plane. */
    NEAR
}
