package io.sightline.perception.pack;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A NanoDet (GFL) head ({@code head.kind: gfl}): per level, class scores {@code [1, rows*cols, labels]} (sigmoid
 * already applied in the graph) and box distributions {@code [1, rows*cols, 4 * (regMax + 1)]}, sides in the order
 * left, top, right, bottom, cells row-major, centre {@code ((col + centreOffset) * stride, (row + centreOffset) * stride)}
 * in input pixels.
 *
 * @param graph            the graph role (key of {@code graphs}) that runs the image
 * @param publishThreshold the chosen operating point; empty until chosen on validation
 * @param maxDetections    at most this many detections per frame, best first
 */
public record GflHeadSpec(String graph, int regMax, double centreOffset, List<Level> levels, double scoreThreshold,
                          OptionalDouble publishThresholdSetting, double nmsIou, int maxDetections) implements HeadSpec {
    /** One output level: {@code rows x cols} cells of {@code stride} input pixels, and its two tensor names. */
    public record Level(int stride, int rows, int cols, String scores, String distances) {
        public int cells() {
            return rows * cols;
        }
    }

    public GflHeadSpec {
        levels = List.copyOf(levels);
        if (regMax < 1) {
            throw new IllegalArgumentException("head.reg_max must be at least 1, got " + regMax);
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("head.levels must list at least one level");
        }
    }

    /** Bins per side: {@code regMax + 1}. */
    public int bins() {
        return regMax + 1;
    }

    @Override
    public List<String> outputNames() {
        return levels.stream().flatMap(l -> java.util.stream.Stream.of(l.scores(), l.distances())).toList();
    }

    @Override
    public Kind kind() {
        return Kind.GFL;
    }

    @Override
    public double publishThreshold() {
        return publishThresholdSetting.orElse(scoreThreshold);
    }
}
