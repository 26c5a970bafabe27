package io.sightline.scenes.world;

import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.util.SplittableRandom;

/**
 * A slow, smooth planar motion of the robot: odom <- base_link as a sum of slow sinusoids in x, y and
 * yaw (periods of several seconds), so consecutive frames differ by millimetres and fractions of a degree.
 */
public final class RobotTrajectory {
    private final double fps;
    private final double[] amplitude = new double[3];
    private final double[] period = new double[3];
    private final double[] phase = new double[3];

    public RobotTrajectory(double fps, SplittableRandom rng) {
        this.fps = fps;
        double[] maxAmplitude = {0.06, 0.10, 0.20};
        for (int i = 0; i < 3; i++) {
            amplitude[i] = maxAmplitude[i] * (0.4 + 0.6 * rng.nextDouble());
            period[i] = 8 + 14 * rng.nextDouble();
            phase[i] = rng.nextDouble() * 2 * Math.PI;
        }
    }

    /** odom <- base_link at the given frame. base_link stays in the table-top plane (z = 0). */
    public RigidTransform pose(int frame) {
        double t = frame / fps;
        double x = wave(0, t) - amplitude[0] * StrictMath.sin(phase[0]);
        double y = wave(1, t);
        double yaw = wave(2, t);
        // A rotation about z only; StrictMath keeps poses (and so annotations) identical on every platform.
        return new RigidTransform(new Vec3(x, y, 0), 0, 0, StrictMath.sin(yaw / 2), StrictMath.cos(yaw / 2));
    }

    private double wave(int i, double t) {
        return amplitude[i] * StrictMath.sin(2 * Math.PI * t / period[i] + phase[i]);
    }

    /** Yaw (radians) of a planar pose. */
    public static double yawOf(RigidTransform pose) {
        return 2 * StrictMath.atan2(pose.qz(), pose.qw());
    }
}
