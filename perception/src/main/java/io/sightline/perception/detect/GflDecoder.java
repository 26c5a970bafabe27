package io.sightline.perception.detect;

import io.sightline.perception.pack.GflHeadSpec;
import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.vision.ImageEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gfl} head's decoder (NanoDet, Generalized Focal Loss). For each level and cell (row-major), the cell
 * centre is {@code ((col + centreOffset) * stride, (row + centreOffset) * stride)} in input pixels; each side's
 * distance is the expectation of a softmax over its {@code regMax + 1} bins times the stride ("integral" box
 * regression), sides left, top, right, bottom; the box {@code (cx - l, cy - t, cx + r, cy + b)} is clamped to the
 * input image. Every class whose score (sigmoid already applied in the graph) is at least the threshold is a
 * candidate with that cell's box; greedy NMS per class ({@link BoxNms}); the best {@code maxCandidates} are kept,
 * best first, and mapped to source pixels with x and y scaled separately (the input is a stretch resize).
 */
public final class GflDecoder implements DetectionDecoder {
    private final GflHeadSpec head;
    private final int inputWidth;
    private final int inputHeight;
    private final List<String> labels;
    private final DetectionConfig config;

    public GflDecoder(GflHeadSpec head, ImageSpec image, List<String> labels, DetectionConfig config) {
        this.head = head;
        this.inputWidth = image.width();
        this.inputHeight = image.height();
        this.labels = List.copyOf(labels);
        this.config = config;
    }

    @Override
    public DetectionConfig config() {
        return config;
    }

    private record Candidate(int label, float score, double[] box) {
    }

    @Override
    public List<Detection> decode(ImageEncoding encoding) {
        int classes = labels.size();
        int bins = head.bins();
        List<Candidate> candidates = new ArrayList<>();
        for (GflHeadSpec.Level level : head.levels()) {
            float[] scores = encoding.headOutput(level.scores());
            float[] dist = encoding.headOutput(level.distances());
            int cells = level.cells();
            if (scores.length != cells * classes || dist.length != cells * 4 * bins) {
                throw new IllegalArgumentException("gfl level stride " + level.stride() + ": " + level.scores() + " holds "
                    + scores.length + " and " + level.distances() + " " + dist.length + " values, expected " + cells
                    + " x " + classes + " and " + cells + " x " + 4 * bins);
            }
            for (int t = 0; t < cells; t++) {
                double[] box = null;  // computed once per cell, only when a class passes the threshold
                for (int c = 0; c < classes; c++) {
                    float s = scores[t * classes + c];
                    if (s >= config.scoreThreshold()) {
                        box = box != null ? box : box(level, dist, t, bins);
                        candidates.add(new Candidate(c, Math.min(1f, s), box));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate k) -> -k.score));
        Map<Integer, List<Candidate>> byLabel = new LinkedHashMap<>();
        for (Candidate k : candidates) {
            byLabel.computeIfAbsent(k.label, key -> new ArrayList<>()).add(k);
        }
        List<Candidate> kept = new ArrayList<>();
        for (List<Candidate> group : byLabel.values()) {
            kept.addAll(BoxNms.greedy(group, Candidate::box, config.nmsIou()));
        }
        kept.sort(Comparator.comparingDouble((Candidate k) -> -k.score));
        double sx = (double) encoding.sourceWidth() / inputWidth;
        double sy = (double) encoding.sourceHeight() / inputHeight;
        List<Detection> out = new ArrayList<>(Math.min(kept.size(), config.maxCandidates()));
        for (Candidate k : kept.subList(0, Math.min(kept.size(), config.maxCandidates()))) {
            double[] b = k.box;
            out.add(new Detection(new Box2D(b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy), labels.get(k.label), "", k.score));
        }
        return out;
    }

    /** The cell's box in input pixels, clamped to the input image. */
    private double[] box(GflHeadSpec.Level level, float[] dist, int t, int bins) {
        double cx = (t % level.cols() + head.centreOffset()) * level.stride();
        double cy = (t / level.cols() + head.centreOffset()) * level.stride();
        int base = t * 4 * bins;
        double left = expectation(dist, base, bins) * level.stride();
        double top = expectation(dist, base + bins, bins) * level.stride();
        double right = expectation(dist, base + 2 * bins, bins) * level.stride();
        double bottom = expectation(dist, base + 3 * bins, bins) * level.stride();
        return new double[]{clamp(cx - left, inputWidth), clamp(cy - top, inputHeight), clamp(cx + right, inputWidth),
            clamp(cy + bottom, inputHeight)};
    }

    /** Sum of {@code i * softmax(v[from..from+bins))[i]}: the distance in strides. */
    static double expectation(float[] v, int from, int bins) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, v[from + i]);
        }
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < bins; i++) {
            double p = Math.exp(v[from + i] - max);
            sum += p;
            weighted += p * i;
        }
        return weighted / sum;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
