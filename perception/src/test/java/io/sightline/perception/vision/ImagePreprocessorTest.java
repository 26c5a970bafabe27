package io.sightline.perception.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.pack.ImageSpec;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {
    static final ImageSpec SPEC = new ImageSpec(8, 4, true, 1.0 / 255, new float[]{0.485f, 0.456f, 0.406f},
        new float[]{0.229f, 0.224f, 0.225f});

    @Test
    void resizesSwapsToRgbAndNormalisesPerChannelInChwOrder() {
        try (ImagePreprocessor pre = new ImagePreprocessor(SPEC);
             Mat bgr = new Mat(40, 80, opencv_core.CV_8UC3, new Scalar(10, 128, 250, 0))) {
            FloatBuffer out = FloatBuffer.allocate(pre.valueCount());
            pre.fill(bgr, out);
            assertThat(pre.valueCount()).isEqualTo(3 * 4 * 8);
            // channel 0 is red (BGR value 250), channel 2 is blue (10)
            assertThat(out.get(0)).isCloseTo((250 / 255f - 0.485f) / 0.229f, within(1e-6f));
            assertThat(out.get(32)).isCloseTo((128 / 255f - 0.456f) / 0.224f, within(1e-6f));
            assertThat(out.get(95)).isCloseTo((10 / 255f - 0.406f) / 0.225f, within(1e-6f));
        }
    }

    @Test
    void areaResizeAveragesBlocksAndReusesItsBuffers() {
        try (ImagePreprocessor pre = new ImagePreprocessor(SPEC);
             Mat bgr = new Mat(4, 16, opencv_core.CV_8UC3, new Scalar(0, 0, 0, 0))) {
            // left pixel of every 2-pixel block is white: INTER_AREA gives 127.5 -> 128 (rounded) per channel
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 16; x += 2) {
                    bgr.ptr(y, x).put(new byte[]{(byte) 255, (byte) 255, (byte) 255});
                }
            }
            FloatBuffer out = FloatBuffer.allocate(pre.valueCount());
            pre.fill(bgr, out);
            float first = out.get(0);
            pre.fill(bgr, out);
            assertThat(out.get(0)).isEqualTo(first);
            assertThat(first).isCloseTo((128 / 255f - 0.485f) / 0.229f, within(1e-6f));
        }
    }

    @Test
    void refusesANonBgrImage() {
        try (ImagePreprocessor pre = new ImagePreprocessor(SPEC); Mat grey = new Mat(4, 8, opencv_core.CV_8UC1)) {
            assertThatThrownBy(() -> pre.fill(grey, FloatBuffer.allocate(96))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 channels");
        }
    }
}
