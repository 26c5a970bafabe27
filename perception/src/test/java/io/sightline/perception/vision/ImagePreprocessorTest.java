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

    /** NanoDet's input (issue 19 contract): BGR order kept, scale 1, mean/std in B, G, R order, bilinear resize. */
    @Test
    void bgrScaleOneKeepsOpenCvsChannelOrderWithExactValues() {
        ImageSpec bgrSpec = new ImageSpec(4, 2, false, 1.0, new float[]{103.53f, 116.28f, 123.675f},
            new float[]{57.375f, 57.12f, 58.395f}, ImageSpec.Resize.LINEAR);
        try (ImagePreprocessor pre = new ImagePreprocessor(bgrSpec);
             Mat bgr = new Mat(2, 8, opencv_core.CV_8UC3, new Scalar(10, 128, 250, 0))) {
            // columns 0..3 black, 4..7 the colour: bilinear 8 -> 4 samples at x = 0.5, 2.5, 4.5, 6.5 (no blending)
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 4; x++) {
                    bgr.ptr(y, x).put(new byte[]{0, 0, 0});
                }
            }
            FloatBuffer out = FloatBuffer.allocate(pre.valueCount());
            pre.fill(bgr, out);
            int plane = 8;
            // channel 0 is blue (10), 1 green (128), 2 red (250); (v - mean) / std in float32
            assertThat(out.get(0)).isEqualTo((0f - 103.53f) / 57.375f);
            assertThat(out.get(3)).isEqualTo((10f - 103.53f) / 57.375f);
            assertThat(out.get(plane + 3)).isEqualTo((128f - 116.28f) / 57.12f);
            assertThat(out.get(2 * plane + 3)).isEqualTo((250f - 123.675f) / 58.395f);
            assertThat(out.get(2 * plane + 7)).isEqualTo((250f - 123.675f) / 58.395f);
        }
    }

    @Test
    void resizeComesFromTheManifestText() {
        assertThat(ImageSpec.Resize.fromManifest("OpenCV INTER_LINEAR to width x height (no letterbox)"))
            .isEqualTo(ImageSpec.Resize.LINEAR);
        assertThat(ImageSpec.Resize.fromManifest("OpenCV INTER_AREA to width x height (no letterbox)"))
            .isEqualTo(ImageSpec.Resize.AREA);
        assertThat(ImageSpec.Resize.fromManifest(null)).isEqualTo(ImageSpec.Resize.AREA);
    }

    @Test
    void refusesANonBgrImage() {
        try (ImagePreprocessor pre = new ImagePreprocessor(SPEC); Mat grey = new Mat(4, 8, opencv_core.CV_8UC1)) {
            assertThatThrownBy(() -> pre.fill(grey, FloatBuffer.allocate(96))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 channels");
        }
    }
}
