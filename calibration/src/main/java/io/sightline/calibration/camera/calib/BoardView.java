package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.Pixel;
import java.util.List;

/** The board corners detected (or synthesised) in one image; {@code source} names the image. */
public record BoardView(String source, BoardObservation observation) {
    /** A view of all corners of a board, in id order. */
    public BoardView(String source, List<Pixel> corners) {
        this(source, BoardObservation.complete(corners));
    }
}
