package io.sightline.cli.scenes;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.SceneInfo;
import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.scene.SceneWriter;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Small scene folders for the CLI tests, written through the library's SceneWriter. */
final class SceneFolders {
    static final int WIDTH = 96;
    static final int HEIGHT = 72;

    private SceneFolders() {}

    static Path write(Path dir, int frames) {
        CameraModel camera = new CameraModel("cli-test", new CameraIntrinsics(WIDTH, HEIGHT, 90, 90, 47.5, 35.5),
            Distortion.NONE, RigidTransform.IDENTITY);
        SceneInfo info = new SceneInfo(SceneInfo.FORMAT_VERSION, "cli-test", camera, 10, frames, "png",
            new GeneratorInfo("cli-test", "1", 1), "demo");
        try (SceneWriter w = SceneWriter.create(dir, info)) {
            for (int i = 0; i < frames; i++) {
                FrameAnnotation f = new FrameAnnotation(i, SceneLayout.frameFile(i, "png"), i * 100_000_000L, null,
                    List.of(new ObjectAnnotation(3, "cone", "orange", new Box2D(10 + i, 20, 40 + i, 60),
                        new Vec3(0.6, 0.1, 0), 0, new Vec3(0.05, 0.05, 0.1), 1, false)),
                    List.of(new ExpressionAnnotation("the orange cone", ExpressionKind.ATTRIBUTE, 3, false),
                        new ExpressionAnnotation("the red ball", ExpressionKind.NO_TARGET, null, false)));
                try (Mat m = new Mat(HEIGHT, WIDTH, CV_8UC3); Scalar s = new Scalar(80, 80, 80, 0)) {
                    m.put(s);
                    w.writeFrame(m, f);
                }
            }
        }
        return dir;
    }
}
