package io.sightline.scenes.expressions;

/** Superlatives over the objects a description matches, in the robot frame {@code base_link}. */
public enum Extreme {
    /** Smallest planar range from the base_link origin. */
    NEAREST,
    /** Largest planar range from the base_link origin. */
    FARTHEST,
    /** Largest y (REP-103: y points left). */
    LEFTMOST,
    /** Smallest y. */
    RIGHTMOST
}
