package io.sightline.calibration.camera;

/**
 * A rigid transform parent <- child: {@code p_parent = R * p_child + t}. Rotation as a unit quaternion
 * (x, y, z, w) like geometry_msgs/Transform. Used for the camera optical frame -> base_link extrinsics
 * (REP-103: base_link x forward, y left, z up; optical frame x right, y down, z forward).
 */
public record RigidTransform(Vec3 translation, double qx, double qy, double qz, double qw) {
    public static final RigidTransform IDENTITY = new RigidTransform(Vec3.ZERO, 0, 0, 0, 1);

    public RigidTransform {
        double n = Math.sqrt(qx * qx + qy * qy + qz * qz + qw * qw);
        if (!(n > 1e-9) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("rotation quaternion must be non-zero and finite");
        }
        qx /= n; qy /= n; qz /= n; qw /= n;
    }

    /** Row-major 3x3 rotation matrix. */
    public double[] rotationMatrix() {
        double xx = qx * qx, yy = qy * qy, zz = qz * qz;
        double xy = qx * qy, xz = qx * qz, yz = qy * qz, wx = qw * qx, wy = qw * qy, wz = qw * qz;
        return new double[] {
            1 - 2 * (yy + zz), 2 * (xy - wz), 2 * (xz + wy),
            2 * (xy + wz), 1 - 2 * (xx + zz), 2 * (yz - wx),
            2 * (xz - wy), 2 * (yz + wx), 1 - 2 * (xx + yy)};
    }

    public Vec3 apply(Vec3 p) {
        double[] r = rotationMatrix();
        return new Vec3(
            r[0] * p.x() + r[1] * p.y() + r[2] * p.z() + translation.x(),
            r[3] * p.x() + r[4] * p.y() + r[5] * p.z() + translation.y(),
            r[6] * p.x() + r[7] * p.y() + r[8] * p.z() + translation.z());
    }

    public Vec3 rotate(Vec3 d) {
        double[] r = rotationMatrix();
        return new Vec3(
            r[0] * d.x() + r[1] * d.y() + r[2] * d.z(),
            r[3] * d.x() + r[4] * d.y() + r[5] * d.z(),
            r[6] * d.x() + r[7] * d.y() + r[8] * d.z());
    }

    public RigidTransform inverse() {
        RigidTransform rInv = new RigidTransform(Vec3.ZERO, -qx, -qy, -qz, qw);
        return new RigidTransform(rInv.rotate(translation).times(-1), -qx, -qy, -qz, qw);
    }

    /** this * other: first other, then this. */
    public RigidTransform compose(RigidTransform o) {
        double w = qw * o.qw - qx * o.qx - qy * o.qy - qz * o.qz;
        double x = qw * o.qx + qx * o.qw + qy * o.qz - qz * o.qy;
        double y = qw * o.qy - qx * o.qz + qy * o.qw + qz * o.qx;
        double z = qw * o.qz + qx * o.qy - qy * o.qx + qz * o.qw;
        return new RigidTransform(apply(o.translation), x, y, z, w);
    }

    /** From a row-major rotation matrix (assumed orthonormal) and a translation. */
    public static RigidTransform fromMatrix(double[] r, Vec3 t) {
        double trace = r[0] + r[4] + r[8];
        double x, y, z, w;
        if (trace > 0) {
            double s = Math.sqrt(trace + 1.0) * 2;
            w = 0.25 * s; x = (r[7] - r[5]) / s; y = (r[2] - r[6]) / s; z = (r[3] - r[1]) / s;
        } else if (r[0] > r[4] && r[0] > r[8]) {
            double s = Math.sqrt(1.0 + r[0] - r[4] - r[8]) * 2;
            w = (r[7] - r[5]) / s; x = 0.25 * s; y = (r[1] + r[3]) / s; z = (r[2] + r[6]) / s;
        } else if (r[4] > r[8]) {
            double s = Math.sqrt(1.0 + r[4] - r[0] - r[8]) * 2;
            w = (r[2] - r[6]) / s; x = (r[1] + r[3]) / s; y = 0.25 * s; z = (r[5] + r[7]) / s;
        } else {
            double s = Math.sqrt(1.0 + r[8] - r[0] - r[4]) * 2;
            w = (r[3] - r[1]) / s; x = (r[2] + r[6]) / s; y = (r[5] + r[7]) / s; z = 0.25 * s;
        }
        return new RigidTransform(t, x, y, z, w);
    }

    /** From roll (x), pitch (y), yaw (z) in radians, applied yaw * pitch * roll as in ROS tf2. */
    public static RigidTransform fromRpy(Vec3 t, double roll, double pitch, double yaw) {
        double cr = Math.cos(roll / 2), sr = Math.sin(roll / 2);
        double cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
        double cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2);
        return new RigidTransform(t,
            sr * cp * cy - cr * sp * sy,
            cr * sp * cy + sr * cp * sy,
            cr * cp * sy - sr * sp * cy,
            cr * cp * cy + sr * sp * sy);
    }

    /**
     * Roll (x), pitch (y), yaw (z) in radians with R = Rz(yaw) Ry(pitch) Rx(roll), the inverse of
     * {@link #fromRpy} (pitch in [-pi/2, pi/2]).
     */
    public double[] rpy() {
        double[] r = rotationMatrix();
        double pitch = Math.asin(Math.max(-1, Math.min(1, -r[6])));
        double roll = Math.atan2(r[7], r[8]);
        double yaw = Math.atan2(r[3], r[0]);
        if (Math.abs(r[6]) > 1 - 1e-12) {
            // Gimbal lock: roll and yaw share one axis; put it all in yaw.
            roll = 0;
            yaw = Math.atan2(-r[1], r[4]);
        }
        return new double[] {roll, pitch, yaw};
    }
}
