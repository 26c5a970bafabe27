package io.sightline.perception.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.perception.scene.SceneInfo;
import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.scene.SceneWriter;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/** A small moving-objects scene for pipeline tests: a red block sliding right and a blue disc, on a brown table. */
final class PipelineScenes {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    private PipelineScenes() {}

    static Path write(Path dir, int frames) {
        SceneInfo info = new SceneInfo(SceneInfo.FORMAT_VERSION, "pipeline-test", CameraModels.tabletop(WIDTH, HEIGHT), 10,
            frames, "png", new GeneratorInfo("pipeline-test", "1", 7L), "demo");
        try (SceneWriter w = SceneWriter.create(dir, info)) {
            for (int i = 0; i < frames; i++) {
                FrameAnnotation a = new FrameAnnotation(i, SceneLayout.frameFile(i, "png"), i * 100_000_000L,
                    RigidTransform.IDENTITY, List.of(),
                    List.of(new ExpressionAnnotation("the red cube", ExpressionKind.ATTRIBUTE, null, false)));
                try (Mat m = image(i)) {
                    w.writeFrame(m, a);
                }
            }
        }
        return dir;
    }

    static Mat image(int i) {
        Mat m = new Mat(HEIGHT, WIDTH, CV_8UC3);
        try (Scalar table = new Scalar(60, 100, 150, 0); Scalar red = new Scalar(30, 30, 210, 0); Scalar blue = new Scalar(200, 80, 30, 0);
             Point a = new Point(60 + 4 * i, 120); Point b = new Point(110 + 4 * i, 170); Point c = new Point(230, 150)) {
            m.put(table);
            rectangle(m, a, b, red, FILLED, LINE_8, 0);
            circle(m, c, 25, blue, FILLED, LINE_8, 0);
        }
        return m;
    }
}
