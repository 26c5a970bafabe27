package io.sightline.perception.detect;

import io.sightline.perception.pack.DenseHeadSpec;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.vision.ImageEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dense-vit} head's decoder (the tabletop pack): decodes the encoder's dense head into detections, following {@code decode_dense} in
 * {@code models/training/vlm/dense.py} step for step: objectness = sigmoid(channel 0); a grid cell is a candidate
 * unless a cell of its 3x3 neighbourhood has a higher objectness and a box overlapping its own at IoU >=
 * {@link DetectionConfig#peakBoxIou()} (0 = the plain 3x3 maximum); shape and colour are the argmax of a softmax over
 * their channel slices; score = objectness x p(shape) x p(colour); keep score >= the threshold of its shape
 * ({@link DetectionConfig#threshold}), the best
 * {@code maxCandidates} in score order; greedy NMS per label (colour + shape) dropping IoU >= nmsIou ({@link BoxNms}); sorted by
 * score. Boxes (xyxy normalised) are scaled to the source frame's pixels (the encoder resizes without letterbox).
 * Pure Java, stateless apart from configuration; safe to share between threads.
 */
public final class DenseHeadDecoder implements DetectionDecoder {
    private final DenseHeadSpec head;
    private final List<String> shapes;
    private final List<String> colours;
    private final DetectionConfig config;

    public DenseHeadDecoder(DenseHeadSpec head, List<String> shapes, List<String> colours, DetectionConfig config) {
        if (head.shapeTo() - head.shapeFrom() != shapes.size() || head.colourTo() - head.colourFrom() != colours.size()) {
            throw new IllegalArgumentException("dense head has " + (head.shapeTo() - head.shapeFrom()) + " shape and "
                + (head.colourTo() - head.colourFrom()) + " colour channels, labels list " + shapes.size() + " shapes and "
                + colours.size() + " colours");
        }
        this.head = head;
        this.shapes = List.copyOf(shapes);
        this.colours = List.copyOf(colours);
        this.config = config;
    }

    @Override
    public DetectionConfig config() {
        return config;
    }

    @Override
    public List<Detection> decode(ImageEncoding encoding) {
        int n = head.tokens();
        int ch = head.channels();
        float[] logits = encoding.detLogits();
        float[] boxes = encoding.detBoxes();
        if (logits.length != n * ch || boxes.length != n * 4) {
            throw new IllegalArgumentException("dense head outputs hold " + logits.length + " logits and " + boxes.length
                + " box values, expected " + n + " x " + ch + " and " + n + " x 4");
        }
        float[] obj = new float[n];
        for (int t = 0; t < n; t++) {
            obj[t] = (float) (1.0 / (1.0 + Math.exp(-logits[t * ch + head.objectness()])));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (!isPeak(obj, boxes, t)) {
                continue;
            }
            int s = argmax(logits, t * ch + head.shapeFrom(), t * ch + head.shapeTo());
            int c = argmax(logits, t * ch + head.colourFrom(), t * ch + head.colourTo());
            float ps = maxSoftmax(logits, t * ch + head.shapeFrom(), t * ch + head.shapeTo());
            float pc = maxSoftmax(logits, t * ch + head.colourFrom(), t * ch + head.colourTo());
            float score = obj[t] * ps * pc;
            if (score >= config.threshold(shapes.get(s))) {
                candidates.add(new Candidate(t, s, c, score, clampedBox(boxes, t)));
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate k) -> -k.score));
        if (candidates.size() > config.maxCandidates()) {
            candidates = new ArrayList<>(candidates.subList(0, config.maxCandidates()));
        }
        Map<Long, List<Candidate>> byLabel = new LinkedHashMap<>();
        for (Candidate k : candidates) {
            byLabel.computeIfAbsent(((long) k.colour << 32) | k.shape, key -> new ArrayList<>()).add(k);
        }
        List<Candidate> kept = new ArrayList<>();
        for (List<Candidate> group : byLabel.values()) {
            kept.addAll(BoxNms.greedy(group, Candidate::box, config.nmsIou()));
        }
        kept.sort(Comparator.comparingDouble((Candidate k) -> -k.score));
        List<Detection> out = new ArrayList<>(kept.size());
        double w = encoding.sourceWidth();
        double h = encoding.sourceHeight();
        for (Candidate k : kept) {
            double[] b = k.box;
            Box2D box = new Box2D(Math.min(b[0], b[2]) * w, Math.min(b[1], b[3]) * h, Math.max(b[0], b[2]) * w,
                Math.max(b[1], b[3]) * h);
            out.add(new Detection(box, shapes.get(k.shape), colours.get(k.colour), Math.min(1.0, k.score)));
        }
        return out;
    }

    private record Candidate(int token, int shape, int colour, float score, double[] box) {
    }

    /** No higher 3x3 neighbour whose box overlaps this cell's at IoU >= peakBoxIou (dense.py peak_mask). */
    private boolean isPeak(float[] obj, float[] boxes, int t) {
        int rows = head.rows();
        int cols = head.cols();
        int r = t / cols;
        int c = t % cols;
        float v = obj[t];
        double[] own = null;  // this cell's box, read once and only when a higher neighbour asks for it
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int rr = r + dr;
                int cc = c + dc;
                int u = rr * cols + cc;
                if (rr >= 0 && rr < rows && cc >= 0 && cc < cols && obj[u] > v
                    && BoxNms.iou(own = own != null ? own : clampedBox(boxes, t), clampedBox(boxes, u)) >= config.peakBoxIou()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int argmax(float[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best - from;
    }

    private static float maxSoftmax(float[] v, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(v[i] - max);
        }
        return (float) (1.0 / sum);
    }

    private static double[] clampedBox(float[] boxes, int t) {
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            b[i] = Math.max(0.0, Math.min(1.0, boxes[4 * t + i]));
        }
        return b;
    }
}
