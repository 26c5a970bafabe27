package io.sightline.perception.geometry;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.util.Objects;
import java.util.Optional;

/**
 * Places a detection on the table: the bottom-centre of its box, through {@link CameraModel#groundPoint}
 * (undistorted ray, extrinsics, plane z = {@link GroundProjectorConfig#planeZ()}), then pushed away from the
 * camera along the ray's horizontal direction from the visible bottom edge to the footprint centre by the
 * shape's typical size (ARCHITECTURE.md section 6). Result in base_link, z = the plane height.
 *
 * <p>Boxes are {@code [xMin, xMax) x [yMin, yMax)} in pixel edges while {@link Pixel} puts pixel centres at
 * integers (OpenCV), so the bottom-centre is at {@code (centreX - 0.5, yMax - 0.5)}. A box cut by the bottom
 * image border does not show its bottom edge: its position lies too far away; callers that know the object is
 * truncated should not trust it.
 */
public final class GroundProjector {
    private final CameraModel camera;
    private final GroundProjectorConfig config;

    public GroundProjector(CameraModel camera, GroundProjectorConfig config) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.config = Objects.requireNonNull(config, "config");
    }

    public CameraModel camera() {
        return camera;
    }

    /** Footprint centre of a detection in base_link; empty when its bottom-centre ray misses the table. */
    public Optional<Vec3> position(Detection detection) {
        return position(detection.box(), detection.shape());
    }

    /** Footprint centre of an object of class {@code shape} whose box is {@code box}. */
    public Optional<Vec3> position(Box2D box, String shape) {
        Pixel bottom = new Pixel(box.centerX() - 0.5, box.yMax() - 0.5);
        return camera.groundPoint(bottom, config.planeZ()).map(p -> toFootprintCentre(p, config.shape(shape)));
    }

    /** The visible bottom point on the table, without the footprint correction. */
    public Optional<Vec3> bottomPoint(Box2D box) {
        return camera.groundPoint(new Pixel(box.centerX() - 0.5, box.yMax() - 0.5), config.planeZ());
    }

    private Vec3 toFootprintCentre(Vec3 onTable, TypicalShape shape) {
        Vec3 o = camera.origin();
        double dx = onTable.x() - o.x();
        double dy = onTable.y() - o.y();
        double s = Math.hypot(dx, dy);
        if (s < 1e-9) {
            return onTable;
        }
        double step = switch (shape.silhouette()) {
            case UPRIGHT -> shape.radius();
            case SPHERE -> {
                // In the vertical plane of the ray: camera at height h over the plane, the ray meets the table s
                // away. The sphere centre (s_c, r) lies r from the ray on its far side:
                // (h * s_c + s * r - h * s) / sqrt(s^2 + h^2) = r  =>  s_c = s + r * (sqrt(s^2 + h^2) - s) / h.
                double h = o.z() - config.planeZ();
                yield h > 1e-9 ? shape.radius() * (Math.hypot(s, h) - s) / h : shape.radius();
            }
        };
        return new Vec3(onTable.x() + dx / s * step, onTable.y() + dy / s * step, onTable.z());
    }
}
