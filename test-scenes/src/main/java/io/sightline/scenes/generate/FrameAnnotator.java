package io.sightline.scenes.generate;

import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.render.ObjectCoverage;
import io.sightline.scenes.render.RenderedFrame;
import io.sightline.scenes.world.RobotTrajectory;
import io.sightline.scenes.world.Table;
import io.sightline.scenes.world.WorldObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a render's coverage into ground truth. Rule: every object with at least one visible pixel is
 * annotated (the scene format's "every object in view"), with its exact visible box from the id buffer and
 * its visibility; consumers that want only well-visible objects filter on visibility (the expression
 * generator only targets objects above its own threshold but still counts partly hidden ones as possible
 * matches, which is why they must be listed).
 */
public final class FrameAnnotator {
    private FrameAnnotator() {
    }

    /**
     * @param present   the objects given to the renderer, in the same order as {@code frame.coverage()}
     * @param robotPose odom <- base_link at this frame
     */
    public static List<ObjectAnnotation> annotate(RenderedFrame frame, List<WorldObject> present, RigidTransform robotPose) {
        RigidTransform odomToBase = robotPose.inverse();
        double robotYaw = RobotTrajectory.yawOf(robotPose);
        List<ObjectAnnotation> out = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            WorldObject o = present.get(i);
            ObjectCoverage c = frame.coverage().get(i);
            if (c.id() != o.id()) {
                throw new IllegalStateException("coverage " + i + " is for object " + c.id() + ", expected " + o.id());
            }
            if (c.visiblePixels() == 0) {
                continue;
            }
            Vec3 position = odomToBase.apply(new Vec3(o.x(), o.y(), Table.TOP_Z));
            out.add(new ObjectAnnotation(o.id(), o.shape().label(), o.colour().label(),
                new Box2D(c.xMin(), c.yMin(), c.xMax(), c.yMax()), position, wrap(o.yaw() - robotYaw), o.size(),
                c.visibility(), c.truncated()));
        }
        out.sort(Comparator.comparingInt(ObjectAnnotation::id));
        return out;
    }

    static double wrap(double angle) {
        return StrictMath.atan2(StrictMath.sin(angle), StrictMath.cos(angle));
    }
}
