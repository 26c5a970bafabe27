package io.sightline.scenes.eval;

/**
 * A detected object's position error: the distance on the table plane (x, y of base_link) between the
 * reported position and the ground-truth footprint centre, and the object's ground-truth range from the robot.
 */
public record PositionError(FrameKey frame, int objectId, double rangeM, double errorM) {}
