package io.sightline.scenes.render;

/**
 * How one object shows up in one rendered frame, measured from the object-id buffer.
 *
 * @param id            object id
 * @param visiblePixels pixels where this object is the nearest surface
 * @param fullPixels    pixels it would cover alone (no other object, no image border: counted over the
 *                      image plus the margin of {@link PixelRays})
 * @param xMin          visible box, first column (inclusive); -1 when not visible
 * @param yMin          visible box, first row (inclusive)
 * @param xMax          visible box, last column + 1 (exclusive)
 * @param yMax          visible box, last row + 1 (exclusive)
 * @param truncated     the image border cuts the object (some of its alone pixels lie outside the image)
 */
public record ObjectCoverage(int id, int visiblePixels, int fullPixels, int xMin, int yMin, int xMax, int yMax,
                             boolean truncated) {
    /** Visible fraction of the object's own projected area (0..1). */
    public double visibility() {
        return fullPixels == 0 ? 0 : Math.min(1.0, visiblePixels / (double) fullPixels);
    }
}
