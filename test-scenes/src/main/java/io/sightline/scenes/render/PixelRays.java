package io.sightline.scenes.render;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.Vec3;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The undistorted viewing ray (camera optical frame, unit) of every pixel of the image and of a margin
 * around it, computed once per camera through {@link CameraModel#tryCameraRay}. Rendering through these rays
 * bakes the lens distortion into the frames exactly as the model describes it. The margin lets the
 * renderer measure how much of an object the image border cuts away. A margin pixel whose ray does not
 * project back onto itself (where the distortion polynomial folds over, far outside the image) gets no ray.
 */
public final class PixelRays {
    /** Round-trip tolerance (pixels) for a margin ray to count as valid. */
    private static final double ROUND_TRIP_PX = 0.05;

    final int width;
    final int height;
    final int padX;
    final int padY;
    final int paddedWidth;
    final int paddedHeight;
    final float[] x;
    final float[] y;
    final float[] z;

    private PixelRays(CameraModel camera, int padX, int padY) {
        this.width = camera.width();
        this.height = camera.height();
        this.padX = padX;
        this.padY = padY;
        this.paddedWidth = width + 2 * padX;
        this.paddedHeight = height + 2 * padY;
        int n = paddedWidth * paddedHeight;
        this.x = new float[n];
        this.y = new float[n];
        this.z = new float[n];
        IntStream.range(0, paddedHeight).parallel().forEach(row -> {
            for (int col = 0; col < paddedWidth; col++) {
                int i = row * paddedWidth + col;
                Pixel p = new Pixel(col - padX, row - padY);
                Optional<Vec3> ray = camera.tryCameraRay(p);
                boolean inside = col >= padX && col < padX + width && row >= padY && row < padY + height;
                if (ray.isEmpty() || (!inside && !roundTrips(camera, ray.get(), p))) {
                    x[i] = Float.NaN;
                    y[i] = Float.NaN;
                    z[i] = Float.NaN;
                    continue;
                }
                Vec3 r = ray.get();
                x[i] = (float) r.x();
                y[i] = (float) r.y();
                z[i] = (float) r.z();
            }
        });
    }

    private static boolean roundTrips(CameraModel camera, Vec3 r, Pixel p) {
        if (!(r.z() > 1e-6) || !Double.isFinite(r.x()) || !Double.isFinite(r.y())) {
            return false;
        }
        Pixel back = camera.projectCameraPoint(r);
        return Math.abs(back.u() - p.u()) < ROUND_TRIP_PX && Math.abs(back.v() - p.v()) < ROUND_TRIP_PX;
    }

    /** Rays for the image plus a margin of a quarter of the image size on every side. */
    public static PixelRays of(CameraModel camera) {
        return new PixelRays(camera, camera.width() / 4, camera.height() / 4);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Index into the padded arrays of image pixel (u, v); u and v may lie in the margin (negative or >= size). */
    int index(int u, int v) {
        return (v + padY) * paddedWidth + (u + padX);
    }
}
