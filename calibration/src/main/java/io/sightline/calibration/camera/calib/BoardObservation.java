package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.Pixel;
import java.util.List;
import java.util.stream.IntStream;

/** Board corners seen in one image: corner ids (indices into {@link BoardPattern#corners}) and their pixels. */
public record BoardObservation(List<Integer> ids, List<Pixel> pixels) {
    public BoardObservation {
        ids = List.copyOf(ids);
        pixels = List.copyOf(pixels);
        if (ids.size() != pixels.size()) {
            throw new IllegalArgumentException(ids.size() + " corner ids but " + pixels.size() + " pixels");
        }
    }

    /** All corners of a board, in id order. */
    public static BoardObservation complete(List<Pixel> pixels) {
        return new BoardObservation(IntStream.range(0, pixels.size()).boxed().toList(), pixels);
    }

    public int size() {
        return ids.size();
    }
}
