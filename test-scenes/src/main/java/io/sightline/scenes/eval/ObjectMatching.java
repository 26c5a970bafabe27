package io.sightline.scenes.eval;

import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Pairs a frame's predicted boxes with its ground-truth objects the way COCO does at IoU 0.5 (same label,
 * by descending score, each to the unmatched object of highest IoU); used for position error, relations
 * and id switches, which need to know which object a detection is.
 */
public final class ObjectMatching {
    /** IoU needed for a detection to count as a given object. */
    public static final double IOU = 0.5;

    private ObjectMatching() {}

    /** Matched pairs in descending score order. */
    public static List<Match> match(FrameAnnotation frame, List<PredictedBox> boxes, LabelMode mode) {
        TreeSet<String> labels = new TreeSet<>();
        boxes.forEach(b -> labels.add(mode.of(b)));
        List<Match> out = new ArrayList<>();
        for (String label : labels) {
            List<PredictedBox> preds = new ArrayList<>(boxes.stream().filter(b -> mode.of(b).equals(label)).toList());
            preds.sort(Comparator.comparingDouble(b -> -b.score()));
            List<ObjectAnnotation> objects = frame.objects().stream().filter(o -> mode.of(o).equals(label)).toList();
            List<ScoredBox> dets = preds.stream().map(b -> new ScoredBox(label, b.score(), b.box())).toList();
            List<LabelledBox> gts = objects.stream().map(o -> new LabelledBox(label, o.box())).toList();
            int[] m = CocoDetectionEvaluator.match(dets, gts, IOU);
            for (int i = 0; i < m.length; i++) {
                if (m[i] >= 0) {
                    out.add(new Match(preds.get(i), objects.get(m[i])));
                }
            }
        }
        out.sort(Comparator.comparingDouble((Match x) -> -x.predicted().score()));
        return out;
    }

    /** Ground-truth id of each matched object, keyed by id, in match order. */
    public static Map<Integer, Match> byObjectId(List<Match> matches) {
        Map<Integer, Match> m = new LinkedHashMap<>();
        matches.forEach(x -> m.put(x.object().id(), x));
        return m;
    }

    /** A predicted box taken to be a ground-truth object. */
    public record Match(PredictedBox predicted, ObjectAnnotation object) {}
}
