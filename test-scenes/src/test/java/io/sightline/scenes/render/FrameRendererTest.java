package io.sightline.scenes.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.scenes.world.Colour;
import io.sightline.scenes.world.Shape;
import io.sightline.scenes.world.ShapeDimensions;
import io.sightline.scenes.world.Table;
import io.sightline.scenes.world.WorldObject;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FrameRendererTest {
    static final Table TABLE = new Table(0.12, 1.25, -0.75, 0.75, 0.03, -0.74, 1.9, 42);
    static final Lighting LIGHT = Lighting.fromAngles(2.5, 0.9, 1.0, 0.3);
    static CameraModel camera;
    static FrameRenderer renderer;

    @BeforeAll
    static void camera() {
        camera = CameraModels.tabletop(320, 240);
        renderer = new FrameRenderer(camera);
    }

    static WorldObject object(int id, Shape shape, double x, double y) {
        ShapeDimensions d = switch (shape) {
            case CUP -> new ShapeDimensions(0.04, 0.09, 0.025);
            case BOTTLE -> new ShapeDimensions(0.033, 0.2, 0.013);
            case CUBE -> new ShapeDimensions(0.03, 0.06, 0);
            case BALL -> new ShapeDimensions(0.04, 0.08, 0);
            default -> new ShapeDimensions(0.035, 0.1, 0);
        };
        return new WorldObject(id, shape, Colour.values()[id % 6], d, x, y, 0.3 * id, 0, 0);
    }

    /** Table point seen at a pixel (base_link = odom for the identity pose). */
    static Vec3 tableAt(double u, double v) {
        return camera.groundPoint(new Pixel(u, v), Table.TOP_Z).orElseThrow();
    }

    @Test
    void anObjectInFrontOccludesOneBehind() {
        Vec3 near = tableAt(160, 170);
        Vec3 dir = near.minus(camera.origin()).normalized();
        // Further along the same line of sight, on the table.
        Vec3 far = new Vec3(near.x() + 0.12 * dir.x() / Math.hypot(dir.x(), dir.y()),
            near.y() + 0.12 * dir.y() / Math.hypot(dir.x(), dir.y()), 0);
        WorldObject front = object(1, Shape.BOTTLE, near.x(), near.y());
        WorldObject back = object(2, Shape.CUBE, far.x(), far.y());
        RenderedFrame f = renderer.render(RigidTransform.IDENTITY, TABLE, List.of(front, back), LIGHT);
        ObjectCoverage cf = f.coverage().get(0);
        ObjectCoverage cb = f.coverage().get(1);
        assertThat(cf.visibility()).isEqualTo(1.0);
        assertThat(cb.visiblePixels()).isLessThan(cb.fullPixels());
        assertThat(cb.visibility()).isLessThan(0.9);
        // Alone, the back object covers pixels that the front one now owns.
        RenderedFrame alone = renderer.render(RigidTransform.IDENTITY, TABLE, List.of(back), LIGHT);
        int stolen = 0;
        for (int i = 0; i < f.objectIds().length; i++) {
            if (alone.objectIds()[i] == 2 && f.objectIds()[i] == 1) {
                stolen++;
            }
        }
        assertThat(stolen).isEqualTo(cb.fullPixels() - cb.visiblePixels());
        assertThat(alone.coverage().get(0).fullPixels()).isEqualTo(cb.fullPixels());
    }

    @Test
    void coverageBoxesAreTheBoundsOfTheIdBuffer() {
        List<WorldObject> objects = List.of(object(1, Shape.CUP, 0.6, 0.1), object(2, Shape.BOTTLE, 0.7, -0.1),
            object(3, Shape.BALL, 0.5, -0.05), object(4, Shape.CONE, 0.8, 0.2));
        RenderedFrame f = renderer.render(RigidTransform.IDENTITY, TABLE, objects, LIGHT);
        for (ObjectCoverage c : f.coverage()) {
            int count = 0;
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = -1;
            int y1 = -1;
            for (int v = 0; v < f.height(); v++) {
                for (int u = 0; u < f.width(); u++) {
                    if (f.objectIds()[v * f.width() + u] == c.id()) {
                        count++;
                        x0 = Math.min(x0, u);
                        y0 = Math.min(y0, v);
                        x1 = Math.max(x1, u + 1);
                        y1 = Math.max(y1, v + 1);
                    }
                }
            }
            assertThat(count).isPositive().isEqualTo(c.visiblePixels());
            assertThat(new int[] {c.xMin(), c.yMin(), c.xMax(), c.yMax()}).containsExactly(x0, y0, x1, y1);
        }
    }

    @Test
    void projectedFootprintAndTopCentreFallInTheBox() {
        List<WorldObject> objects = List.of(object(1, Shape.CUBE, 0.55, 0.15), object(2, Shape.CAN, 0.75, -0.2),
            object(3, Shape.CONE, 0.9, 0.0));
        RenderedFrame f = renderer.render(RigidTransform.IDENTITY, TABLE, objects, LIGHT);
        for (int i = 0; i < objects.size(); i++) {
            WorldObject o = objects.get(i);
            ObjectCoverage c = f.coverage().get(i);
            assertThat(c.visibility()).isEqualTo(1.0);
            // The footprint centre and the centre of the body (a cone's apex itself is thinner than a pixel).
            for (double z : new double[] {0, o.height() / 2}) {
                Pixel p = camera.project(new Vec3(o.x(), o.y(), z)).orElseThrow();
                assertThat(p.u()).isBetween(c.xMin() - 1.0, (double) c.xMax());
                assertThat(p.v()).isBetween(c.yMin() - 1.0, (double) c.yMax());
            }
        }
    }

    @Test
    void anObjectCutByTheImageBorderIsTruncated() {
        Vec3 edge = tableAt(0, 150);
        Vec3 centre = tableAt(160, 150);
        WorldObject cut = object(1, Shape.CAN, edge.x(), edge.y());
        WorldObject whole = object(2, Shape.CAN, centre.x(), centre.y());
        RenderedFrame f = renderer.render(RigidTransform.IDENTITY, TABLE, List.of(cut, whole), LIGHT);
        ObjectCoverage c = f.coverage().get(0);
        assertThat(c.truncated()).isTrue();
        assertThat(c.xMin()).isZero();
        assertThat(c.visibility()).isBetween(0.2, 0.8);
        assertThat(f.coverage().get(1).truncated()).isFalse();
        assertThat(f.coverage().get(1).visibility()).isEqualTo(1.0);
    }

    @Test
    void objectsAreShadedNotFlat() {
        WorldObject ball = object(1, Shape.BALL, 0.5, 0);
        RenderedFrame f = renderer.render(RigidTransform.IDENTITY, TABLE, List.of(ball), LIGHT);
        int min = 255;
        int max = 0;
        for (int i = 0; i < f.objectIds().length; i++) {
            if (f.objectIds()[i] == 1) {
                int red = f.bgr()[3 * i + 2] & 0xff;
                int green = f.bgr()[3 * i + 1] & 0xff;
                int lum = Math.max(red, green);
                min = Math.min(min, lum);
                max = Math.max(max, lum);
            }
        }
        assertThat(max - min).isGreaterThan(60);
    }

    @Test
    void pixelsDoNotDependOnTheThreadCount() throws Exception {
        List<WorldObject> objects = List.of(object(1, Shape.CUP, 0.6, 0.1), object(2, Shape.BOTTLE, 0.7, -0.1));
        RigidTransform pose = RigidTransform.fromRpy(new Vec3(0.02, -0.03, 0), 0, 0, 0.1);
        RenderedFrame parallel = renderer.render(pose, TABLE, objects, LIGHT);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            RenderedFrame serial = single.submit(() -> renderer.render(pose, TABLE, objects, LIGHT)).get();
            assertThat(serial.bgr()).isEqualTo(parallel.bgr());
            assertThat(serial.objectIds()).isEqualTo(parallel.objectIds());
            assertThat(serial.coverage()).isEqualTo(parallel.coverage());
        } finally {
            single.shutdown();
        }
    }
}
