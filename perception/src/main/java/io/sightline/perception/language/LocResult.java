package io.sightline.perception.language;

import io.sightline.perception.scene.Box2D;
import java.util.List;
import java.util.Optional;

/**
 * One box of a decoded answer, normalised to 0..1 of the image (x right, y down), with its label ("red cup";
 * may be empty for grammars that allow unlabelled boxes).
 */
public record LocResult(String label, double xMin, double yMin, double xMax, double yMax) {
    public LocResult {
        if (!(xMin <= xMax && yMin <= yMax)) {
            throw new IllegalArgumentException("box corners out of order: " + xMin + "," + yMin + " " + xMax + "," + yMax);
        }
    }

    /**
     * The box of one {@code paligemma-loc} group: bins y_min x_min y_max x_max of {@code bins} per axis, each decoded
     * at its bin centre {@code (bin + 0.5) / bins} (ARCHITECTURE.md section 4); empty when the min corner lies after
     * the max corner. Bins must be in {@code 0..bins-1}.
     */
    public static Optional<LocResult> fromYxyxBins(String label, List<Integer> yxyx, int bins) {
        if (yxyx.size() != 4) {
            throw new IllegalArgumentException("a box is 4 loc bins, got " + yxyx);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            int bin = yxyx.get(i);
            if (bin < 0 || bin >= bins) {
                throw new IllegalArgumentException("bin " + bin + " out of range 0.." + (bins - 1));
            }
            v[i] = (bin + 0.5) / bins;
        }
        if (v[0] > v[2] || v[1] > v[3]) {
            return Optional.empty();
        }
        return Optional.of(new LocResult(label, v[1], v[0], v[3], v[2]));
    }

    /** The box in pixels of a {@code width x height} frame (the encoder resizes without letterbox). */
    public Box2D toPixels(int width, int height) {
        return new Box2D(xMin * width, yMin * height, xMax * width, yMax * height);
    }
}
