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

    /**
     * Applies the distortion to a normalised image point (x', y') = (X/Z, Y/Z), exactly as OpenCV's
     * {@code projectPoints} does for 5 coefficients: radial 1 + k1 r^2 + k2 r^4 + k3 r^6 and tangential
     * 2 p1 x'y' + p2 (r^2 + 2x'^2), p1 (r^2 + 2y'^2) + 2 p2 x'y'. Writes (x'', y'') into {@code out}.
     */
    public void distort(double x, double y, double[] out) {
        double x2 = x * x, y2 = y * y, xy = x * y;
        double r2 = x2 + y2;
        double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        out[0] = x * radial + 2 * p1 * xy + p2 * (r2 + 2 * x2);
        out[1] = y * radial + p1 * (r2 + 2 * y2) + 2 * p2 * xy;
    }

    /**
     * Inverts {@link #distort}: finds the normalised point whose distorted image is (xd, yd). Starts like
     * OpenCV's {@code undistortPoints} (fixed-point iteration) and finishes with Newton steps on the exact
     * Jacobian, so the result is accurate to ~1e-15 instead of OpenCV's default 5 iterations.
     *
     * @return false when no preimage was found (a pixel outside the region where the polynomial is
     *     invertible, e.g. beyond the fold of a strong barrel distortion); {@code out} is then undefined.
     */
    public boolean undistort(double xd, double yd, double[] out) {
        if (isZero()) {
            out[0] = xd;
            out[1] = yd;
            return true;
        }
        double x = xd, y = yd;
        // A few fixed-point steps (cv::undistortPoints) bring x close enough for Newton to converge fast.
        for (int i = 0; i < 5; i++) {
            double r2 = x * x + y * y;
            double icdist = 1 / (1 + r2 * (k1 + r2 * (k2 + r2 * k3)));
            if (!Double.isFinite(icdist) || icdist <= 0) {
                x = xd;
                y = yd;
                break;
            }
            double dx = 2 * p1 * x * y + p2 * (r2 + 2 * x * x);
            double dy = p1 * (r2 + 2 * y * y) + 2 * p2 * x * y;
            x = (xd - dx) * icdist;
            y = (yd - dy) * icdist;
        }
        double[] f = new double[2];
        for (int i = 0; i < 50; i++) {
            distort(x, y, f);
            double ex = f[0] - xd, ey = f[1] - yd;
            double r2 = x * x + y * y;
            double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
            double dRadial = k1 + r2 * (2 * k2 + 3 * k3 * r2); // d radial / d r2
            // Jacobian of distort() with respect to (x, y).
            double jxx = radial + 2 * x * x * dRadial + 2 * p1 * y + 6 * p2 * x;
            double jxy = 2 * x * y * dRadial + 2 * p1 * x + 2 * p2 * y;
            double jyx = 2 * x * y * dRadial + 2 * p1 * x + 2 * p2 * y;
            double jyy = radial + 2 * y * y * dRadial + 6 * p1 * y + 2 * p2 * x;
            double det = jxx * jyy - jxy * jyx;
            if (!(Math.abs(det) > 1e-12)) {
                return false;
            }
            double sx = (jyy * ex - jxy * ey) / det;
            double sy = (jxx * ey - jyx * ex) / det;
            x -= sx;
            y -= sy;
            if (Math.abs(sx) + Math.abs(sy) < 1e-15 * (1 + Math.abs(x) + Math.abs(y))) {
                break;
            }
        }
        distort(x, y, f);
        // A preimage on the far side of the fold would satisfy the equation but is not the visible one:
        // require the Jacobian there to be orientation-preserving (radial term still positive).
        double r2 = x * x + y * y;
        boolean converged = Math.abs(f[0] - xd) + Math.abs(f[1] - yd) < 1e-12 * (1 + Math.abs(xd) + Math.abs(yd));
        boolean unfolded = 1 + r2 * (3 * k1 + r2 * (5 * k2 + 7 * k3 * r2)) > 0;
        out[0] = x;
        out[1] = y;
        return converged && unfolded && Double.isFinite(x) && Double.isFinite(y);
    }
}
