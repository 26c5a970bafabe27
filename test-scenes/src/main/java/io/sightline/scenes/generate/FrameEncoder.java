package io.sightline.scenes.generate;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encodes generated frames with OpenCV at a chosen JPEG quality (PNG: fixed compression level 3). */
public final class FrameEncoder {
    private FrameEncoder() {
    }

    public static byte[] encode(Mat image, String format, int jpegQuality) {
        int[] params = "jpg".equals(format)
            ? new int[] {IMWRITE_JPEG_QUALITY, jpegQuality}
            : new int[] {IMWRITE_PNG_COMPRESSION, 3};
        try (BytePointer out = new BytePointer(); IntPointer p = new IntPointer(params)) {
            if (!imencode("." + format, image, out, p)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                    + " frame as " + format);
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }
}
