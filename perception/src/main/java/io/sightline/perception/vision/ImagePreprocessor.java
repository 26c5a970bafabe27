package io.sightline.perception.vision;

import io.sightline.perception.pack.ImageSpec;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a BGR 8UC3 frame into the image graph's input as the pack's manifest ({@link ImageSpec}) says, for every
 * pack: OpenCV resize to the pack's size ({@code INTER_AREA} or {@code INTER_LINEAR}, no letterbox), RGB or BGR
 * order, {@code (v * scale - mean[c]) / std[c]} in float32, CHW. For the tabletop pack that is exactly the training
 * code's {@code models/training/vlm/tasks.py pixel_values} (INTER_AREA, RGB, scale 1/255); for NanoDet INTER_LINEAR,
 * BGR, scale 1. The per-value arithmetic is
 * done once into a 3 x 256 lookup table, with the same float32 operations PyTorch performs. The resized Mat and
 * the byte and float staging arrays are reused across frames. Not thread-safe.
 */
public final class ImagePreprocessor implements AutoCloseable {
    private final ImageSpec spec;
    private final Size size;
    private final int interpolation;
    private final Mat resized = new Mat();
    private final float[][] lut = new float[3][256];
    private final int[] sourceChannel = new int[3];
    private final byte[] pixels;
    private final float[] chw;

    public ImagePreprocessor(ImageSpec spec) {
        this.spec = spec;
        this.size = new Size(spec.width(), spec.height());
        this.interpolation = switch (spec.resize()) {
            case AREA -> opencv_imgproc.INTER_AREA;
            case LINEAR -> opencv_imgproc.INTER_LINEAR;
        };
        float[] mean = spec.mean();
        float[] std = spec.std();
        for (int c = 0; c < 3; c++) {
            sourceChannel[c] = spec.rgb() ? 2 - c : c;
            for (int v = 0; v < 256; v++) {
                float x = (float) (v * spec.scale());
                lut[c][v] = (x - mean[c]) / std[c];
            }
        }
        this.pixels = new byte[spec.width() * spec.height() * 3];
        this.chw = new float[pixels.length];
    }

    public ImageSpec spec() {
        return spec;
    }

    /** Number of floats written by {@link #fill}: 3 x height x width. */
    public int valueCount() {
        return chw.length;
    }

    /** Writes the normalised CHW image of {@code bgr} into {@code target} from index 0. */
    public void fill(Mat bgr, FloatBuffer target) {
        if (bgr.empty() || bgr.channels() != 3 || bgr.depth() != org.bytedeco.opencv.global.opencv_core.CV_8U) {
            throw new IllegalArgumentException("frame must be a non-empty BGR 8-bit 3-channel image, got "
                + bgr.cols() + "x" + bgr.rows() + " with " + bgr.channels() + " channels, depth " + bgr.depth());
        }
        opencv_imgproc.resize(bgr, resized, size, 0, 0, interpolation);
        if (!resized.isContinuous()) {
            throw new IllegalStateException("OpenCV returned a non-continuous resized image");
        }
        // data() is a non-owning view of the Mat's memory: nothing to close
        resized.data().get(pixels);
        int plane = spec.width() * spec.height();
        for (int c = 0; c < 3; c++) {
            float[] table = lut[c];
            int src = sourceChannel[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                chw[base + i] = table[pixels[3 * i + src] & 0xff];
            }
        }
        target.put(0, chw);
    }

    @Override
    public void close() {
        resized.close();
        size.close();
    }
}
