package io.sightline.perception.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.Box2D;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundProjectorTest {
    private static final CameraModel CAMERA = CameraModels.tabletopDefault();

    /** A box whose bottom-centre (pixel-centre convention) is exactly {@code p}. */
    private static Box2D boxAbove(Pixel p) {
        return new Box2D(p.u() + 0.5 - 10, p.v() + 0.5 - 30, p.u() + 0.5 + 10, p.v() + 0.5);
    }

    private static GroundProjector projector(TypicalShape shape) {
        return new GroundProjector(CAMERA, new GroundProjectorConfig(0, Map.of("thing", shape), shape));
    }

    @Test
    void zeroSizeObjectLandsOnTheBottomPointItself() {
        Vec3 onTable = new Vec3(0.6, -0.12, 0);
        Pixel p = CAMERA.project(onTable).orElseThrow();
        Vec3 back = projector(new TypicalShape(0, TypicalShape.Silhouette.UPRIGHT)).position(boxAbove(p), "thing").orElseThrow();
        assertThat(back.distanceTo(onTable)).isLessThan(1e-6);
    }

    @Test
    void uprightObjectIsPushedAwayFromTheCameraByItsRadius() {
        Vec3 nearest = new Vec3(0.5, 0.2, 0);
        Pixel p = CAMERA.project(nearest).orElseThrow();
        Vec3 centre = projector(new TypicalShape(0.04, TypicalShape.Silhouette.UPRIGHT)).position(boxAbove(p), "thing").orElseThrow();
        Vec3 o = CAMERA.origin();
        double rangeNearest = Math.hypot(nearest.x() - o.x(), nearest.y() - o.y());
        double rangeCentre = Math.hypot(centre.x() - o.x(), centre.y() - o.y());
        assertThat(rangeCentre - rangeNearest).isCloseTo(0.04, within(1e-6));
        // Same bearing from the camera.
        assertThat(Math.atan2(centre.y() - o.y(), centre.x() - o.x()))
            .isCloseTo(Math.atan2(nearest.y() - o.y(), nearest.x() - o.x()), within(1e-9));
        assertThat(centre.z()).isZero();
    }

    @Test
    void sphereCentreIsWhereTheTangentRayTouchesIt() {
        double r = 0.04;
        Vec3 footprint = new Vec3(0.55, 0.0, 0);
        Vec3 centre3d = new Vec3(footprint.x(), footprint.y(), r);
        // The lowest image point of the sphere: the ray through the camera tangent to it in the vertical plane.
        Vec3 o = CAMERA.origin();
        Vec3 toCentre = centre3d.minus(o);
        double dist = toCentre.norm();
        double tangentAngle = Math.asin(r / dist);
        double elevation = Math.atan2(toCentre.z(), Math.hypot(toCentre.x(), toCentre.y())) - tangentAngle;
        double bearing = Math.atan2(toCentre.y(), toCentre.x());
        double along = Math.sqrt(dist * dist - r * r);
        Vec3 tangentPoint = o.plus(new Vec3(Math.cos(elevation) * Math.cos(bearing), Math.cos(elevation) * Math.sin(bearing),
            Math.sin(elevation)).times(along));
        Pixel p = CAMERA.project(tangentPoint).orElseThrow();
        Vec3 got = projector(new TypicalShape(r, TypicalShape.Silhouette.SPHERE)).position(boxAbove(p), "thing").orElseThrow();
        assertThat(got.distanceTo(footprint)).isLessThan(1e-6);
    }

    @Test
    void aBoxAboveTheHorizonHasNoPosition() {
        Box2D sky = new Box2D(300, 0, 340, 2);
        GroundProjector projector = new GroundProjector(
            CAMERA.withCameraToBase(CameraModels.mountedLookingDown(new Vec3(0, 0, 0.6), Math.toRadians(-30), 0)),
            GroundProjectorConfig.tabletop());
        assertThat(projector.position(sky, "cup")).isEmpty();
    }

    @Test
    void unknownShapesUseTheFallback() {
        GroundProjectorConfig config = GroundProjectorConfig.tabletop();
        assertThat(config.shape("CUP")).isEqualTo(config.shapes().get("cup"));
        assertThat(config.shape("teapot")).isEqualTo(config.fallback());
    }

    /** The tight pixel box of base_link points (pixel-edge convention: a point at pixel centre u lies in [u-0.5, u+0.5)). */
    private static Box2D boxOf(Vec3... corners) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Vec3 c : corners) {
            Pixel p = CAMERA.project(c).orElseThrow();
            x0 = Math.min(x0, p.u() + 0.5);
            y0 = Math.min(y0, p.v() + 0.5);
            x1 = Math.max(x1, p.u() + 0.5);
            y1 = Math.max(y1, p.v() + 0.5);
        }
        return new Box2D(x0, y0, x1, y1);
    }

    /** The size estimate of a flat 8 cm x 12 cm panel standing at {@code foot}, square to the line of sight. */
    private static ObjectSize panelSize(Vec3 foot) {
        Vec3 o = CAMERA.origin();
        double bearing = Math.atan2(foot.y() - o.y(), foot.x() - o.x());
        Vec3 across = new Vec3(-Math.sin(bearing), Math.cos(bearing), 0).times(0.04);
        Vec3 up = new Vec3(0, 0, 0.12);
        // Corners and edge midpoints: the lens's barrel distortion bows the edges.
        Box2D box = boxOf(foot.plus(across), foot.minus(across), foot.plus(across).plus(up), foot.minus(across).plus(up),
            foot, foot.plus(up));
        return projector(new TypicalShape(0, TypicalShape.Silhouette.UPRIGHT)).size(box).orElseThrow();
    }

    @Test
    void sizeOfAnUprightPanelAheadIsItsWidthAndHeight() {
        ObjectSize size = panelSize(new Vec3(0.6, 0, 0));
        assertThat(size.widthM()).isCloseTo(0.08, within(0.001));
        assertThat(size.heightM()).isCloseTo(0.12, within(0.001));
    }

    @Test
    void sizeOfAnUprightPanelOffTheAxisIsRoughlyRight() {
        // Off the axis the panel's foot is tilted in the image and the box's centre column is not the panel's
        // (perspective), so the contact range is off: 8.6 cm x 13.2 cm here, 15 cm to the side at 0.6 m.
        ObjectSize size = panelSize(new Vec3(0.6, 0.15, 0));
        assertThat(size.widthM()).isCloseTo(0.08, within(0.01));
        assertThat(size.heightM()).isCloseTo(0.12, within(0.015));
    }

    @Test
    void groundPointsLieExactlyOnThePlane() {
        for (int u = 0; u < CAMERA.width(); u += 37) {
            for (int v = CAMERA.height() / 2; v < CAMERA.height(); v += 23) {
                CAMERA.groundPoint(new Pixel(u, v), 0).ifPresent(p -> assertThat(p.z()).isEqualTo(0.0));
            }
        }
    }
}
