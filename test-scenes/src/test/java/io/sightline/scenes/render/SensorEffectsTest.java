package io.sightline.scenes.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class SensorEffectsTest {
    private static RenderedFrame grey(int w, int h, int level) {
        byte[] bgr = new byte[w * h * 3];
        java.util.Arrays.fill(bgr, (byte) level);
        return new RenderedFrame(w, h, bgr, new int[w * h], List.of());
    }

    private static byte[] pixels(Mat m) {
        byte[] out = new byte[m.cols() * m.rows() * 3];
        m.data().get(out);
        return out;
    }

    @Test
    void noiseHasTheRequestedSpreadAndIsRepeatable() {
        RenderedFrame f = grey(200, 100, 128);
        try (Mat a = SensorEffects.apply(f, 0, 4, 7, 3); Mat b = SensorEffects.apply(f, 0, 4, 7, 3);
             Mat other = SensorEffects.apply(f, 0, 4, 7, 4)) {
            byte[] pa = pixels(a);
            double sum = 0;
            double sq = 0;
            for (byte p : pa) {
                double d = (p & 0xff) - 128;
                sum += d;
                sq += d * d;
            }
            double mean = sum / pa.length;
            double sd = Math.sqrt(sq / pa.length - mean * mean);
            assertThat(mean).isBetween(-0.2, 0.2);
            assertThat(sd).isBetween(3.6, 4.4);
            assertThat(pixels(b)).isEqualTo(pa);
            assertThat(pixels(other)).isNotEqualTo(pa);
        }
    }

    @Test
    void blurSoftensAnEdge() {
        int w = 40;
        int h = 10;
        byte[] bgr = new byte[w * h * 3];
        for (int v = 0; v < h; v++) {
            for (int u = w / 2; u < w; u++) {
                for (int k = 0; k < 3; k++) {
                    bgr[3 * (v * w + u) + k] = (byte) 200;
                }
            }
        }
        RenderedFrame f = new RenderedFrame(w, h, bgr, new int[w * h], List.of());
        try (Mat sharp = SensorEffects.apply(f, 0, 0, 1, 0); Mat soft = SensorEffects.apply(f, 1.5, 0, 1, 0)) {
            int at = 3 * (5 * w + w / 2 - 1);
            assertThat(pixels(sharp)[at] & 0xff).isZero();
            assertThat(pixels(soft)[at] & 0xff).isBetween(40, 160);
        }
    }
}
