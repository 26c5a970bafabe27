package io.sightline.calibration.camera;

/**
 * Pinhole intrinsics of one camera, in pixels, for an image of {@code width} x {@code height}.
 * Matches the K matrix of ROS sensor_msgs/CameraInfo: [fx 0 cx; 0 fy cy; 0 0 1].
 */
public record CameraIntrinsics(int width, int height, double fx, double fy, double cx, double cy) {
    public CameraIntrinsics {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
            throw new IllegalArgumentException("focal lengths must be finite and positive, got fx=" + fx + " fy=" + fy);
        }
        if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("principal point must be finite, got cx=" + cx + " cy=" + cy);
        }
    }

    /** Row-major 3x3 camera matrix K. */
    public double[] matrix() {
        return new double[] {fx, 0, cx, 0, fy, cy, 0, 0, 1};
    }
}
