package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.Pixel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CharucoBoard;
import org.bytedeco.opencv.opencv_objdetect.CharucoDetector;
import org.bytedeco.opencv.opencv_objdetect.Dictionary;

/**
 * Finds ChArUco corners with OpenCV's objdetect {@code CharucoDetector} (markers, then the chessboard corners
 * between them, interpolated and refined to sub-pixel). Corner ids follow OpenCV and {@link BoardPattern}.
 */
public final class CharucoBoardDetector implements BoardDetector {
    private final BoardPattern pattern;
    private final Dictionary dictionary;
    private final CharucoBoard board;
    private final CharucoDetector detector;

    public CharucoBoardDetector(BoardPattern pattern) {
        if (pattern.kind() != BoardPattern.Kind.CHARUCO) {
            throw new IllegalArgumentException("not a ChArUco board: " + pattern);
        }
        this.pattern = pattern;
        this.dictionary = opencv_objdetect.getPredefinedDictionary(ArucoDictionaries.id(pattern.dictionary()));
        int markersNeeded = pattern.cols() * pattern.rows() / 2;
        int markersAvailable = dictionary.bytesList().rows();
        if (markersNeeded > markersAvailable) {
            dictionary.close();
            throw new IllegalArgumentException("board " + pattern + " needs " + markersNeeded + " markers but "
                + pattern.dictionary() + " has " + markersAvailable);
        }
        // Only the ratio of marker to square matters for detection; object points come from BoardPattern.
        try (Size size = new Size(pattern.cols(), pattern.rows())) {
            this.board = new CharucoBoard(size, 1.0f, (float) pattern.markerRatio(), dictionary);
        }
        this.detector = new CharucoDetector(board);
    }

    @Override
    public Optional<BoardObservation> detect(Mat image) {
        if (!GreyImages.isGrey8(image)) {
            try (Mat grey = GreyImages.toGrey8(image)) {
                return detect(grey);
            }
        }
        try (Mat corners = new Mat(); Mat ids = new Mat()) {
            detector.detectBoard(image, corners, ids);
            int n = ids.empty() ? 0 : ids.rows() * ids.cols();
            if (n < pattern.minCornersPerView() || board.checkCharucoCornersCollinear(ids)) {
                return Optional.empty();
            }
            List<Integer> idList = new ArrayList<>(n);
            List<Pixel> pixels = new ArrayList<>(n);
            try (IntIndexer ii = ids.createIndexer(); FloatIndexer ci = corners.createIndexer()) {
                for (int k = 0; k < n; k++) {
                    idList.add(ii.get(k));
                    pixels.add(new Pixel(ci.get(k, 0, 0), ci.get(k, 0, 1)));
                }
            }
            return Optional.of(new BoardObservation(idList, pixels));
        }
    }

    @Override
    public void close() {
        detector.close();
        board.close();
        dictionary.close();
    }
}
