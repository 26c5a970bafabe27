package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.Pixel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * Finds the inner corners of a chessboard with OpenCV ({@code findChessboardCorners} then
 * {@code cornerSubPix}) and returns them in the {@link BoardPattern} order, with the 180-degree ambiguity of
 * the detector resolved by the square colours (square (1, 1) is black).
 */
public final class ChessboardDetector implements BoardDetector {
    private final BoardPattern pattern;

    public ChessboardDetector(BoardPattern pattern) {
        if (pattern.kind() != BoardPattern.Kind.CHESSBOARD) {
            throw new IllegalArgumentException("not a chessboard: " + pattern);
        }
        this.pattern = pattern;
    }

    public BoardPattern pattern() {
        return pattern;
    }

    /** Corners of the board in an image file, empty when the board is not found. */
    public Optional<List<Pixel>> detectCorners(Path image) {
        try (Mat grey = GreyImages.read(image)) {
            return detectCorners(grey);
        }
    }

    @Override
    public Optional<BoardObservation> detect(Mat image) {
        return detectCorners(image).map(BoardObservation::complete);
    }

    /**
     * Corners of the board in an image (8-bit grey, or BGR/BGRA which is converted), row by row with
     * {@code cols} per row; empty when the whole board is not found.
     */
    public Optional<List<Pixel>> detectCorners(Mat image) {
        if (GreyImages.isGrey8(image)) {
            return detectGrey(image);
        }
        try (Mat grey = GreyImages.toGrey8(image)) {
            return detectGrey(grey);
        }
    }

    @Override
    public void close() {
        // no native state
    }

    private Optional<List<Pixel>> detectGrey(Mat grey) {
        try (Mat corners = new Mat();
             Size size = new Size(pattern.cols(), pattern.rows())) {
            int flags = opencv_calib3d.CALIB_CB_ADAPTIVE_THRESH | opencv_calib3d.CALIB_CB_NORMALIZE_IMAGE
                | opencv_calib3d.CALIB_CB_FAST_CHECK;
            if (!opencv_calib3d.findChessboardCorners(grey, size, corners, flags)
                || corners.rows() * corners.cols() != pattern.cornerCount()) {
                return Optional.empty();
            }
            int half = subPixelHalfWindow(corners);
            try (Size win = new Size(half, half);
                 Size zone = new Size(-1, -1);
                 TermCriteria stop = new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 30, 0.001)) {
                opencv_imgproc.cornerSubPix(grey, corners, win, zone, stop);
            }
            List<Pixel> out = new ArrayList<>(pattern.cornerCount());
            try (FloatIndexer i = corners.createIndexer()) {
                for (int k = 0; k < pattern.cornerCount(); k++) {
                    out.add(new Pixel(i.get(k, 0, 0), i.get(k, 0, 1)));
                }
            }
            return Optional.of(orientByColour(grey, out));
        }
    }

    /**
     * cornerSubPix's search window must stay inside the squares around a corner: half-size about half the
     * smallest corner spacing, at most OpenCV's customary 11 px.
     */
    private int subPixelHalfWindow(Mat corners) {
        double min = Double.MAX_VALUE;
        try (FloatIndexer i = corners.createIndexer()) {
            for (int k = 0; k + 1 < pattern.cornerCount(); k++) {
                if ((k + 1) % pattern.cols() != 0) {
                    min = Math.min(min, Math.hypot(i.get(k + 1, 0, 0) - i.get(k, 0, 0), i.get(k + 1, 0, 1) - i.get(k, 0, 1)));
                }
            }
        }
        return (int) Math.max(2, Math.min(11, Math.floor(min / 2) - 1));
    }

    /**
     * Puts the corners in the order where square (1, 1) is black: compares the grey level at the centres of
     * all interior squares with the colours they should have; if the "black" ones are brighter, the detector
     * returned the board turned by 180 degrees and the order is reversed. A point-symmetric board gives
     * no evidence either way and is left as detected.
     */
    List<Pixel> orientByColour(Mat grey, List<Pixel> corners) {
        if (pattern.isPointSymmetric()) {
            return corners;
        }
        double score = 0;
        int cols = pattern.cols();
        try (UByteIndexer img = grey.createIndexer()) {
            for (int b = 1; b < pattern.rows(); b++) {
                for (int a = 1; a < cols; a++) {
                    // Square (a, b) lies between corners (a-1, b-1) and (a, b).
                    Pixel p00 = corners.get((b - 1) * cols + a - 1), p11 = corners.get(b * cols + a);
                    Pixel p01 = corners.get((b - 1) * cols + a), p10 = corners.get(b * cols + a - 1);
                    double u = (p00.u() + p11.u() + p01.u() + p10.u()) / 4;
                    double v = (p00.v() + p11.v() + p01.v() + p10.v()) / 4;
                    double level = sample(img, grey.cols(), grey.rows(), u, v);
                    score += pattern.isBlackSquare(a, b) ? -level : level;
                }
            }
        }
        if (score >= 0) {
            return corners;
        }
        List<Pixel> reversed = new ArrayList<>(corners);
        Collections.reverse(reversed);
        return reversed;
    }

    private static double sample(UByteIndexer img, int width, int height, double u, double v) {
        int x = (int) Math.round(u), y = (int) Math.round(v);
        double sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx, yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < width && yy < height) {
                    sum += img.get(yy, xx);
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
