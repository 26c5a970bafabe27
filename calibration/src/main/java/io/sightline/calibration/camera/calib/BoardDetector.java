package io.sightline.calibration.camera.calib;

import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/** Finds a calibration board's corners in an image. Holds native OpenCV objects: close it. */
public interface BoardDetector extends AutoCloseable {
    /**
     * The corners seen in an image (8-bit grey, or BGR/BGRA which is converted); empty when too few of them
     * ({@link BoardPattern#minCornersPerView()}) were found.
     */
    Optional<BoardObservation> detect(Mat image);

    @Override
    void close();

    static BoardDetector of(BoardPattern pattern) {
        return switch (pattern.kind()) {
            case CHESSBOARD -> new ChessboardDetector(pattern);
            case CHARUCO -> new CharucoBoardDetector(pattern);
        };
    }
}
