package io.sightline.calibration.camera.calib;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Loading and converting images to the 8-bit grey the board detectors work on. */
public final class GreyImages {
    private GreyImages() {}

    /** Reads an image file as 8-bit grey; the caller closes the Mat. */
    public static Mat read(Path image) {
        if (!Files.isRegularFile(image)) {
            throw new CalibrationException(image + ": no such image file");
        }
        Mat grey = opencv_imgcodecs.imread(image.toString(), opencv_imgcodecs.IMREAD_GRAYSCALE);
        if (grey == null || grey.empty()) {
            if (grey != null) {
                grey.close();
            }
            throw new CalibrationException(image + ": cannot decode image (not a PNG/JPEG/... file?)");
        }
        return grey;
    }

    /** An 8-bit grey copy of {@code image} (grey, BGR or BGRA, any depth); the caller closes it. */
    static Mat toGrey8(Mat image) {
        Mat out = new Mat();
        try (Mat grey = new Mat()) {
            if (image.channels() == 1) {
                image.copyTo(grey);
            } else {
                opencv_imgproc.cvtColor(image, grey, image.channels() == 4 ? opencv_imgproc.COLOR_BGRA2GRAY : opencv_imgproc.COLOR_BGR2GRAY);
            }
            grey.convertTo(out, opencv_core.CV_8U);
        }
        return out;
    }

    static boolean isGrey8(Mat image) {
        return image.channels() == 1 && image.depth() == opencv_core.CV_8U;
    }
}
