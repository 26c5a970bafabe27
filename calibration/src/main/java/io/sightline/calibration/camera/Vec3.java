package io.sightline.calibration.camera;

/** A 3-vector in metres (or a direction), in the frame its owner names. */
public record Vec3(double x, double y, double z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 plus(Vec3 o) { return new Vec3(x + o.x, y + o.y, z + o.z); }
    public Vec3 minus(Vec3 o) { return new Vec3(x - o.x, y - o.y, z - o.z); }
    public Vec3 times(double s) { return new Vec3(x * s, y * s, z * s); }
    public double dot(Vec3 o) { return x * o.x + y * o.y + z * o.z; }
    public Vec3 cross(Vec3 o) { return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x); }
    public double norm() { return Math.sqrt(dot(this)); }
    public Vec3 normalized() { double n = norm(); return new Vec3(x / n, y / n, z / n); }
    public double distanceTo(Vec3 o) { return minus(o).norm(); }
}
