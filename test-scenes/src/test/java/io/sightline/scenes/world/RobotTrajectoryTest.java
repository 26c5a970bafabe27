package io.sightline.scenes.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.calibration.camera.RigidTransform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobotTrajectoryTest {
    @Test
    void movesSlowlyAndSmoothlyInTheTablePlane() {
        RobotTrajectory t = new RobotTrajectory(10, new SplittableRandom(3));
        double travelled = 0;
        RigidTransform previous = t.pose(0);
        for (int f = 1; f < 300; f++) {
            RigidTransform p = t.pose(f);
            double step = p.translation().distanceTo(previous.translation());
            double turn = Math.abs(RobotTrajectory.yawOf(p) - RobotTrajectory.yawOf(previous));
            assertThat(step).isLessThan(0.01);
            assertThat(turn).isLessThan(Math.toRadians(1.5));
            assertThat(p.translation().z()).isZero();
            travelled += step;
            previous = p;
        }
        assertThat(travelled).as("the robot does move").isGreaterThan(0.05);
    }

    @Test
    void yawOfReadsBackAPlanarRotation() {
        RigidTransform p = RigidTransform.fromRpy(new io.sightline.calibration.camera.Vec3(0, 0, 0), 0, 0, 0.4);
        assertThat(RobotTrajectory.yawOf(p)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
    }
}
