package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_OPENCV_MJPEG;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileSourceTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryFrameOfAMotionJpegAvi() {
        Path avi = tmp.resolve("clip.avi");
        try (Size size = new Size(ReplayFixtures.WIDTH, ReplayFixtures.HEIGHT);
             VideoWriter w = new VideoWriter(avi.toString(), CAP_OPENCV_MJPEG,
                 VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G'), 10, size, true)) {
            assertThat(w.isOpened()).isTrue();
            for (int i = 0; i < 5; i++) {
                try (Mat m = ReplayFixtures.grey(50 * i)) {
                    w.write(m);
                }
            }
            w.release();
        }
        try (VideoFileSource s = new VideoFileSource(avi, "front")) {
            s.open();
            for (int i = 0; i < 5; i++) {
                try (Frame f = s.next().orElseThrow()) {
                    assertThat(f.width()).isEqualTo(ReplayFixtures.WIDTH);
                    assertThat(f.sourceIndex()).isEqualTo(i);
                    assertThat(ReplayFixtures.level(f)).isBetween(50 * i - 3, 50 * i + 3);
                }
            }
            assertThat(s.next()).isEmpty();
            assertThat(s.status().state()).isEqualTo(SourceState.ENDED);
            assertThat(s.status().delivered()).isEqualTo(5);
        }
    }

    @Test
    void missingFileNamesIt() {
        Path missing = tmp.resolve("nope.avi");
        try (VideoFileSource s = new VideoFileSource(missing, "front")) {
            assertThatThrownBy(s::open).isInstanceOf(SourceException.class).hasMessageContaining("nope.avi");
            assertThat(s.status().state()).isEqualTo(SourceState.FAILED);
        }
    }

    @Test
    void fileThatIsNotAVideoFailsToOpen() throws Exception {
        Path junk = tmp.resolve("junk.avi");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (VideoFileSource s = new VideoFileSource(junk, "front")) {
            assertThatThrownBy(s::open).isInstanceOf(SourceException.class).hasMessageContaining("junk.avi");
        }
    }
}
