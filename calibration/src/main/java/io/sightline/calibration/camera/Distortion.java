package io.sightline.calibration.camera;

/**
 * The plumb_bob (Brown-Conrady) lens distortion used by OpenCV and ROS: radial k1, k2, k3 and
 * tangential p1, p2, in OpenCV's coefficient order (k1, k2, p1, p2, k3).
 */
public record Distortion(double k1, double k2, double p1, double p2, double k3) {
    public static final Distortion NONE = new Distortion(0, 0, 0, 0, 0);
    public static final String MODEL = "plumb_bob";

    public Distortion {
        for (double v : new double[] {k1, k2, p1, p2, k3}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("distortion coefficients must be finite: " + v);
            }
        }
    }

    /** Coefficients in OpenCV / camera_info order: k1, k2, p1, p2, k3. */
    public double[] coefficients() {
        return new double[] {k1, k2, p1, p2, k3};
    }

    public static Distortion of(double[] d) {
        if (d.length != 5) {
            throw new IllegalArgumentException("plumb_bob needs 5 coefficients (k1 k2 p1 p2 k3), got " + d.length);
        }
        return new Distortion(d[0], d[1], d[2], d[3], d[4]);
    }

    public boolean isZero() {
        return k1 == 0 && k2 == 0 && p1 == 0 && p2 == 0 && k3 == 0;
    }
}
