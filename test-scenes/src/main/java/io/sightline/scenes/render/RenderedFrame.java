package io.sightline.scenes.render;

import java.util.List;

/**
 * A clean render (before sensor effects) with its ground truth.
 *
 * @param width     image width
 * @param height    image height
 * @param bgr       8-bit BGR pixels, row-major (OpenCV CV_8UC3 layout)
 * @param objectIds per pixel the id of the nearest object, 0 for table / floor / wall
 * @param coverage  per present object (in the order given to the renderer), how it shows up
 */
public record RenderedFrame(int width, int height, byte[] bgr, int[] objectIds, List<ObjectCoverage> coverage) {
    public RenderedFrame {
        coverage = List.copyOf(coverage);
    }
}
