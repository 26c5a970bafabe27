package io.sightline.perception.source;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.perception.scene.SceneInfo;
import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.scene.SceneWriter;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Scenes and images for source tests: frame i is a uniform image of grey level 10 * i (64 x 48). */
final class ReplayFixtures {
    static final int WIDTH = 64;
    static final int HEIGHT = 48;

    private ReplayFixtures() {}

    static Mat grey(int level) {
        Mat m = new Mat(HEIGHT, WIDTH, CV_8UC3);
        try (Scalar s = new Scalar(level, level, level, 0)) {
            m.put(s);
        }
        return m;
    }

    static Path scene(Path dir, int frames, double fps) {
        SceneInfo info = new SceneInfo(SceneInfo.FORMAT_VERSION, "replay-test", CameraModels.tabletop(WIDTH, HEIGHT), fps, frames,
            "png", new GeneratorInfo("replay-test", "1", 1L), "demo");
        try (SceneWriter w = SceneWriter.create(dir, info)) {
            for (int i = 0; i < frames; i++) {
                FrameAnnotation a = new FrameAnnotation(i, SceneLayout.frameFile(i, "png"), Math.round(i * 1e9 / fps),
                    RigidTransform.IDENTITY, List.of(), List.of());
                try (Mat m = grey(10 * i)) {
                    w.writeFrame(m, a);
                }
            }
        }
        return dir;
    }

    /** Grey level of a frame's first pixel. */
    static int level(Frame f) {
        return f.image().ptr(0, 0).get() & 0xff;
    }
}
