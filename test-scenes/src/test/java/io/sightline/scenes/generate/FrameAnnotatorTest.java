package io.sightline.scenes.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.render.FrameRenderer;
import io.sightline.scenes.render.Lighting;
import io.sightline.scenes.render.RenderedFrame;
import io.sightline.scenes.world.CompositionFilter;
import io.sightline.scenes.world.RobotTrajectory;
import io.sightline.scenes.world.TabletopWorld;
import io.sightline.scenes.world.WorldObject;
import io.sightline.scenes.world.WorldSampler;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Annotations of sampled worlds seen from a moving robot agree with the id buffer and the camera model. */
class FrameAnnotatorTest {
    @Test
    void boxesMatchTheIdBufferAndPositionsProjectIntoThem() {
        CameraModel camera = CameraModels.tabletop(320, 240);
        FrameRenderer renderer = new FrameRenderer(camera);
        WorldSampler sampler = new WorldSampler(5, 10, CompositionFilter.ANY);
        int checkedProjections = 0;
        int truncated = 0;
        for (long seed = 0; seed < 6; seed++) {
            TabletopWorld world = sampler.sample(60, new SplittableRandom(seed));
            RobotTrajectory trajectory = new RobotTrajectory(10, new SplittableRandom(seed + 100));
            int frame = (int) (seed * 9);
            RigidTransform pose = trajectory.pose(frame);
            List<WorldObject> present = world.presentAt(frame);
            RenderedFrame f = renderer.render(pose, world.table(), present, Lighting.fromAngles(1, 0.8, 1, 0.3));
            List<ObjectAnnotation> annotations = FrameAnnotator.annotate(f, present, pose);
            for (ObjectAnnotation a : annotations) {
                int[] bounds = bounds(f, a.id());
                assertThat(new double[] {a.box().xMin(), a.box().yMin(), a.box().xMax(), a.box().yMax()})
                    .containsExactly(bounds[0], bounds[1], bounds[2], bounds[3]);
                if (a.truncated()) {
                    truncated++;
                }
                if (a.visibility() >= 0.999 && !a.truncated()) {
                    Pixel p = camera.project(a.position()).orElseThrow();
                    assertThat(p.u()).isBetween(a.box().xMin() - 1, a.box().xMax());
                    assertThat(p.v()).isBetween(a.box().yMin() - 1, a.box().yMax());
                    Pixel middle = camera.project(a.position().plus(new Vec3(0, 0, a.size().z() / 2))).orElseThrow();
                    assertThat(middle.u()).isBetween(a.box().xMin() - 1, a.box().xMax());
                    assertThat(middle.v()).isBetween(a.box().yMin() - 1, a.box().yMax());
                    checkedProjections++;
                }
            }
            // Objects that are present but not listed cover no pixel at all.
            for (WorldObject o : present) {
                if (annotations.stream().noneMatch(a -> a.id() == o.id())) {
                    assertThat(bounds(f, o.id())[4]).isZero();
                }
            }
        }
        assertThat(checkedProjections).isGreaterThan(10);
        assertThat(truncated).as("objects cut by the border occur").isPositive();
    }

    /** xMin, yMin, xMax (exclusive), yMax (exclusive), pixel count of an id in the id buffer. */
    private static int[] bounds(RenderedFrame f, int id) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        int n = 0;
        for (int v = 0; v < f.height(); v++) {
            for (int u = 0; u < f.width(); u++) {
                if (f.objectIds()[v * f.width() + u] == id) {
                    n++;
                    x0 = Math.min(x0, u);
                    y0 = Math.min(y0, v);
                    x1 = Math.max(x1, u + 1);
                    y1 = Math.max(y1, v + 1);
                }
            }
        }
        return new int[] {x0, y0, x1, y1, n};
    }
}
