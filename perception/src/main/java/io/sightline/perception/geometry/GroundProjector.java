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

    /**
     * The object's width and height in metres: the box's top-left, top-right and top-centre points back-projected to
     * the horizontal range of its visible bottom point on the table (the contact range). Width is the horizontal
     * distance between the two corner points, height the top-centre point's height over the plane. The top corners,
     * not the bottom ones: an upright object seen from above is widest in the image at its top (nearest the camera),
     * where its box's edges are; taken at the bottom row they would overstate a 8 cm panel by 7 mm. An object seen
     * from above shows its far rim as the box's top, beyond the contact range, so the height of a wide object comes
     * out somewhat high. Empty when the bottom ray misses the table.
     */
    public Optional<ObjectSize> size(Box2D box) {
        Optional<Vec3> contact = bottomPoint(box);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        Vec3 o = camera.origin();
        double range = Math.hypot(contact.get().x() - o.x(), contact.get().y() - o.y());
        double topRow = box.yMin() - 0.5;
        Optional<Vec3> left = atRange(new Pixel(box.xMin() - 0.5, topRow), range);
        Optional<Vec3> right = atRange(new Pixel(box.xMax() - 0.5, topRow), range);
        Optional<Vec3> top = atRange(new Pixel(box.centerX() - 0.5, topRow), range);
        if (left.isEmpty() || right.isEmpty() || top.isEmpty()) {
            return Optional.empty();
        }
        double width = Math.hypot(right.get().x() - left.get().x(), right.get().y() - left.get().y());
        return Optional.of(new ObjectSize(width, Math.max(0, top.get().z() - config.planeZ())));
    }

    /** The point of a pixel's ray whose horizontal distance from the camera centre is {@code range}. */
    private Optional<Vec3> atRange(Pixel pixel, double range) {
        Optional<Vec3> ray = camera.tryCameraRay(pixel);
        if (ray.isEmpty()) {
            return Optional.empty();
        }
        Vec3 d = camera.cameraToBase().rotate(ray.get());
        double horizontal = Math.hypot(d.x(), d.y());
        if (!(horizontal > 1e-9) || !Double.isFinite(horizontal)) {
            return Optional.empty();
        }
        return Optional.of(camera.origin().plus(d.times(range / horizontal)));
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
