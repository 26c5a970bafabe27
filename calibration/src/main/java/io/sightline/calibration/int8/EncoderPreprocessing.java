package io.sightline.calibration.int8;

import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.file.Path;

/**
 * The vision encoder's input, as the pack manifest's {@code image} section defines it: RGB, OpenCV INTER_AREA
 * resize to width x height (no letterbox), x = (rgb * scale - mean) / std per channel, NCHW float32. The one
 * implementation of it: calibration frames go through it, and so should perception's encoder input.
 *
 * @param width  pixels
 * @param height pixels
 * @param scale  multiplies the 0..255 value (1/255)
 * @param mean   per RGB channel, after scaling
 * @param std    per RGB channel, after scaling
 */
public record EncoderPreprocessing(int width, int height, double scale, double[] mean, double[] std) {
    public EncoderPreprocessing {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("encoder input size must be positive, got " + width + "x" + height);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("encoder mean and std need 3 values (RGB), got " + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("encoder std values must be > 0, got " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** From the manifest's {@code image} object; the message names the field that is missing or wrong. */
    public static EncoderPreprocessing fromManifest(JsonNode image, String source) {
        if (image == null || !image.isObject()) {
            throw new Int8CalibrationException(source + ": no 'image' object");
        }
        String order = image.path("colour_order").asText("RGB");
        if (!order.equals("RGB")) {
            throw new Int8CalibrationException(source + ": image.colour_order must be RGB, got '" + order + "'");
        }
        String layout = image.path("layout").asText("NCHW");
        if (!layout.equals("NCHW")) {
            throw new Int8CalibrationException(source + ": image.layout must be NCHW, got '" + layout + "'");
        }
        try {
            return new EncoderPreprocessing(required(image, "width", source).asInt(), required(image, "height", source).asInt(),
                image.path("scale").asDouble(1 / 255.0), triple(image, "mean", source), triple(image, "std", source));
        } catch (IllegalArgumentException e) {
            throw new Int8CalibrationException(source + ": image: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String source) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new Int8CalibrationException(source + ": image." + field + " must be a number, got " + v);
        }
        return v;
    }

    private static double[] triple(JsonNode node, String field, String source) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.size() != 3) {
            throw new Int8CalibrationException(source + ": image." + field + " must be an array of 3 numbers, got " + v);
        }
        return new double[] {v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble()};
    }

    public long[] shape() {
        return new long[] {1, 3, height, width};
    }

    /** Reads an image file (any format OpenCV decodes) and returns its pixel_values, 3 * height * width floats. */
    public float[] pixelValues(Path image) {
        try (Mat bgr = opencv_imgcodecs.imread(image.toString(), opencv_imgcodecs.IMREAD_COLOR)) {
            if (bgr.empty()) {
                throw new Int8CalibrationException("cannot decode image " + image);
            }
            return pixelValues(bgr);
        }
    }

    /** pixel_values of an 8-bit BGR image (OpenCV's channel order). */
    public float[] pixelValues(Mat bgr) {
        if (bgr.channels() != 3 || bgr.depth() != org.bytedeco.opencv.global.opencv_core.CV_8U) {
            throw new IllegalArgumentException("encoder input must be an 8-bit 3-channel BGR image, got channels="
                + bgr.channels() + " depth=" + bgr.depth());
        }
        try (Mat rgb = new Mat(); Mat resized = new Mat(); Size size = new Size(width, height)) {
            opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
            if (rgb.cols() == width && rgb.rows() == height) {
                rgb.copyTo(resized);
            } else {
                opencv_imgproc.resize(rgb, resized, size, 0, 0, opencv_imgproc.INTER_AREA);
            }
            int plane = width * height;
            byte[] hwc = new byte[plane * 3];
            Mat continuous = resized.isContinuous() ? resized : resized.clone();
            continuous.data().get(hwc);
            float[] out = new float[plane * 3];
            for (int c = 0; c < 3; c++) {
                double m = mean[c];
                double s = std[c];
                for (int i = 0; i < plane; i++) {
                    out[c * plane + i] = (float) (((hwc[i * 3 + c] & 0xff) * scale - m) / s);
                }
            }
            if (continuous != resized) {
                continuous.close();
            }
            return out;
        }
    }
}
