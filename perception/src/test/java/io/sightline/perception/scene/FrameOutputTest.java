package io.sightline.perception.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_COUNT;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameOutputTest {
    @TempDir
    Path tmp;

    private static void writeFrames(FrameOutput out, int n) {
        for (int i = 0; i < n; i++) {
            try (Mat m = new Mat(48, 64, CV_8UC3); Scalar s = new Scalar(10 * i, 50, 200, 0)) {
                m.put(s);
                out.write(i + 10, m);
            }
        }
    }

    @Test
    void pngFolderNamesFilesByFrameIndex() {
        Path dir = tmp.resolve("show");
        try (FrameOutput out = FrameOutput.open(dir, 15, 64, 48)) {
            writeFrames(out, 3);
            assertThat(out.written()).isEqualTo(3);
        }
        assertThat(dir.resolve("000010.png")).isRegularFile();
        assertThat(dir.resolve("000012.png")).isRegularFile();
    }

    @Test
    void mp4EitherWorksOrFailsAtOpenSayingWhatToUseInstead() throws Exception {
        Path file = tmp.resolve("show.mp4");
        FrameOutput out;
        try {
            out = FrameOutput.open(file, 15, 64, 48);
        } catch (IllegalStateException e) {
            // The JavaCPP OpenCV build has no FFmpeg backend: the message must point to what works.
            assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining(".avi");
            assertThat(file).doesNotExist();
            return;
        }
        try (out) {
            writeFrames(out, 3);
        }
        try (VideoCapture cap = new VideoCapture(file.toString())) {
            assertThat(cap.get(CAP_PROP_FRAME_COUNT)).isEqualTo(3.0);
        }
    }

    @Test
    void aviIsMotionJpegThatOpenCvReadsBack() throws Exception {
        Path file = tmp.resolve("out/show.avi");
        try (FrameOutput out = FrameOutput.open(file, 15, 64, 48)) {
            writeFrames(out, 5);
        }
        assertThat(Files.size(file)).isPositive();
        try (VideoCapture cap = new VideoCapture(file.toString())) {
            assertThat(cap.isOpened()).isTrue();
            assertThat(cap.get(CAP_PROP_FRAME_COUNT)).isEqualTo(5.0);
        }
    }
}
