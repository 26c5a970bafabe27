package io.sightline.perception.scene;

import io.sightline.calibration.camera.RigidTransform;
import java.util.List;

/**
 * One line of annotations.jsonl.
 *
 * @param index       frame number, 0-based, matching frames/NNNNNN.ext
 * @param file        frame file relative to the scene directory ("frames/000000.jpg")
 * @param timestampNs capture time relative to the scene start, nanoseconds
 * @param robotPose   odom <- base_link pose of the robot at this frame (objects are static in odom)
 * @param objects     every object in view (visibility > 0), in id order
 * @param expressions referring expressions for this frame
 */
public record FrameAnnotation(int index, String file, long timestampNs, RigidTransform robotPose,
                              List<ObjectAnnotation> objects, List<ExpressionAnnotation> expressions) {
    public FrameAnnotation {
        objects = List.copyOf(objects);
        expressions = List.copyOf(expressions);
    }
}
