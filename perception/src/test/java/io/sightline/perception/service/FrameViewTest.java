package io.sightline.perception.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.pipeline.ObjectResult;
import io.sightline.perception.pipeline.PerceptionResult;
import io.sightline.perception.pipeline.StageTimings;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.source.Frame;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.Header;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** The live view's frame holder: takes frames over without copying, closes the one it replaces, encodes on request. */
class FrameViewTest {
    private static Frame frame(long seq, int width, int height) {
        Mat image = new Mat(height, width, CV_8UC3, new Scalar(30, 120, 200, 0));
        return new Frame(seq, "front", System.nanoTime(), System.currentTimeMillis(), (int) seq, image, 640, 480);
    }

    private static PerceptionResult result(long seq) {
        Detection cup = new Detection(new Box2D(100, 100, 200, 220), "cup", "red", 0.9);
        return new PerceptionResult("test", (int) seq, seq, 640, 480, List.of(ObjectResult.untracked(cup)), List.of(),
            "a red cup", List.of(), 0, new StageTimings(0, 0, 0, 0, 0, 0, 0), 0);
    }

    private static DetectionFrame message(long seq) {
        return DetectionFrame.newBuilder().setHeader(Header.newBuilder().setSeq(seq)).setImageWidth(640).setImageHeight(480).build();
    }

    private static int[] decodedSize(byte[] jpeg) {
        try (BytePointer p = new BytePointer(jpeg); Mat buf = new Mat(1, jpeg.length, CV_8UC1, p); Mat m = imdecode(buf, IMREAD_COLOR)) {
            return new int[] {m.cols(), m.rows()};
        }
    }

    @Test
    void holdsTheLatestFrameClosesTheOneItReplacesAndEncodesOncePerFrame() {
        try (FrameView view = new FrameView()) {
            assertThat(view.shown()).isEmpty();
            assertThat(view.jpeg()).isEmpty();
            Frame first = frame(1, 320, 240); // decoded at half scale: drawn at the sensor's size
            view.offer(first, result(1), message(1));
            assertThat(view.shown()).hasValueSatisfying(s -> {
                assertThat(s.message().getHeader().getSeq()).isEqualTo(1);
                assertThat(s.description()).isEqualTo("a red cup");
            });
            byte[] a = view.jpeg().orElseThrow();
            assertThat(decodedSize(a)).containsExactly(640, 480);
            assertThat(view.jpeg().orElseThrow()).as("the same frame is not encoded again").isSameAs(a);
            assertThat(first.image().isNull()).isFalse();

            Frame second = frame(2, 640, 480);
            view.offer(second, result(2), message(2));
            assertThat(first.image().isNull()).as("the replaced frame is closed").isTrue();
            byte[] b = view.jpeg().orElseThrow();
            assertThat(b).isNotSameAs(a);
            assertThat(decodedSize(b)).containsExactly(640, 480);

            view.close();
            assertThat(second.image().isNull()).as("closed with the view").isTrue();
            Frame late = frame(3, 640, 480);
            view.offer(late, result(3), message(3));
            assertThat(late.image().isNull()).as("a frame offered after close is closed at once").isTrue();
        }
    }
}
