package io.sightline.perception.grounding;

import io.sightline.perception.scene.Box2D;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The share of an object's own pixels under each {@link NamedColour}: a grid of at most {@link #GRID} x {@link #GRID}
 * pixels over the inner part of its box (the outer {@link #INSET} of each side left out, where the background
 * shows), each pixel first corrected by the frame's grey-world gains (the frame's mean red, green and blue made
 * equal, each gain clipped to [{@link #MIN_GAIN}, {@link #MAX_GAIN}]) so that a warm or cold light does not turn
 * white into orange or blue.
 *
 * @param shares share of the sampled pixels under each name, summing to 1 (all zero for an empty box)
 */
public record ColourProfile(Map<NamedColour, Double> shares) {
    static final int GRID = 24;
    static final double INSET = 0.2;
    static final double MIN_GAIN = 0.75;
    static final double MAX_GAIN = 1.33;

    public ColourProfile {
        EnumMap<NamedColour, Double> m = new EnumMap<>(NamedColour.class);
        for (NamedColour c : NamedColour.values()) {
            m.put(c, shares.getOrDefault(c, 0.0));
        }
        shares = java.util.Collections.unmodifiableMap(m);
    }

    /** The share of one name. */
    public double share(NamedColour c) {
        return shares.get(c);
    }

    /** The share of the pixels under any of {@code names} (a colour word that names several: "beige"). */
    public double share(Set<NamedColour> names) {
        return names.stream().mapToDouble(this::share).sum();
    }

    /** The most frequent name. */
    public NamedColour dominant() {
        return shares.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** "white 0.52, grey 0.30, ..." the names over 5 %, for reasons and logs. */
    public String compact() {
        StringBuilder b = new StringBuilder();
        shares.entrySet().stream().filter(e -> e.getValue() >= 0.05)
            .sorted(Map.Entry.<NamedColour, Double>comparingByValue().reversed())
            .forEach(e -> b.append(b.isEmpty() ? "" : ", ").append(e.getKey().word())
                .append(String.format(Locale.ROOT, " %.2f", e.getValue())));
        return b.toString();
    }

    /** The grey-world gains (blue, green, red) of a BGR 8UC3 frame, from a coarse grid over all of it. */
    public static double[] greyWorldGains(Mat bgr) {
        try (UByteIndexer px = bgr.createIndexer()) {
            int w = bgr.cols();
            int h = bgr.rows();
            double[] sum = new double[3];
            int n = 0;
            int step = Math.max(1, Math.min(w, h) / 48);
            for (int y = step / 2; y < h; y += step) {
                for (int x = step / 2; x < w; x += step) {
                    for (int c = 0; c < 3; c++) {
                        sum[c] += px.get(y, x, c);
                    }
                    n++;
                }
            }
            return gains(sum[0] / Math.max(1, n), sum[1] / Math.max(1, n), sum[2] / Math.max(1, n));
        }
    }

    /** Gains that bring channel means (blue, green, red) to their common mean, clipped. */
    static double[] gains(double b, double g, double r) {
        double mean = (b + g + r) / 3;
        double[] out = new double[3];
        double[] m = {b, g, r};
        for (int c = 0; c < 3; c++) {
            out[c] = m[c] <= 1e-6 ? 1 : Math.max(MIN_GAIN, Math.min(MAX_GAIN, mean / m[c]));
        }
        return out;
    }

    /** The profile of the object in {@code box} of a BGR 8UC3 frame, corrected by {@code gains} (blue, green, red). */
    public static ColourProfile measure(Mat bgr, Box2D box, double[] gains) {
        int w = bgr.cols();
        int h = bgr.rows();
        double x0 = box.xMin() + INSET * box.width();
        double x1 = box.xMax() - INSET * box.width();
        double y0 = box.yMin() + INSET * box.height();
        double y1 = box.yMax() - INSET * box.height();
        int[] counts = new int[NamedColour.values().length];
        int n = 0;
        try (UByteIndexer px = bgr.createIndexer()) {
            for (int i = 0; i < GRID; i++) {
                int y = (int) Math.floor(y0 + (i + 0.5) * (y1 - y0) / GRID);
                if (y < 0 || y >= h) {
                    continue;
                }
                for (int j = 0; j < GRID; j++) {
                    int x = (int) Math.floor(x0 + (j + 0.5) * (x1 - x0) / GRID);
                    if (x < 0 || x >= w) {
                        continue;
                    }
                    int b = clip(px.get(y, x, 0) * gains[0]);
                    int g = clip(px.get(y, x, 1) * gains[1]);
                    int r = clip(px.get(y, x, 2) * gains[2]);
                    counts[NamedColour.ofBgr(b, g, r).ordinal()]++;
                    n++;
                }
            }
        }
        return ofCounts(counts, n);
    }

    static ColourProfile ofCounts(int[] counts, int n) {
        EnumMap<NamedColour, Double> m = new EnumMap<>(NamedColour.class);
        for (NamedColour c : NamedColour.values()) {
            m.put(c, n == 0 ? 0.0 : counts[c.ordinal()] / (double) n);
        }
        return new ColourProfile(m);
    }

    private static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    @Override
    public String toString() {
        return "ColourProfile[" + compact() + "]" + (Arrays.stream(NamedColour.values()).allMatch(c -> share(c) == 0) ? "(empty)" : "");
    }
}
