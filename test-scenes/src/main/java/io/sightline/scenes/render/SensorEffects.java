package io.sightline.scenes.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.util.stream.IntStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * What the camera adds to a clean render: optical blur (OpenCV GaussianBlur) and then Gaussian sensor noise
 * per pixel and channel. The noise of a pixel is a hash of (seed, frame, pixel, channel), not a shared
 * random stream, so it is identical whatever the thread count.
 */
public final class SensorEffects {
    private SensorEffects() {
    }

    /** A new 8-bit BGR Mat (the caller closes it) with blur (if {@code blurSigma > 0}) and noise applied. */
    public static Mat apply(RenderedFrame frame, double blurSigma, double noiseSigma, long seed, long frameKey) {
        int w = frame.width();
        int h = frame.height();
        Mat mat = new Mat(h, w, CV_8UC3);
        mat.data().put(frame.bgr());
        if (blurSigma > 0) {
            try (Size auto = new Size(0, 0)) {
                GaussianBlur(mat, mat, auto, blurSigma);
            }
        }
        if (noiseSigma > 0) {
            byte[] px = new byte[w * h * 3];
            mat.data().get(px);
            long frameSeed = PixelHash.of(seed, frameKey, 0x6e6f697365L);
            IntStream.range(0, h).parallel().forEach(v -> {
                int start = v * w * 3;
                for (int i = start; i < start + w * 3; i++) {
                    // SplitMix64 output number i of the frame's stream: one mix per sample.
                    double n = noiseSigma * PixelHash.fastGaussian(PixelHash.mix(frameSeed + i * 0x9e3779b97f4a7c15L));
                    int value = (px[i] & 0xff) + (int) Math.round(n);
                    px[i] = (byte) Math.max(0, Math.min(255, value));
                }
            });
            mat.data().put(px);
        }
        return mat;
    }
}
