package io.sightline.scenes.eval;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * COCO detection results over a set of frames.
 *
 * @param perClass every class seen in ground truth or detections, by label (sorted)
 */
public record DetectionMetrics(Map<String, ClassAp> perClass) {
    public DetectionMetrics {
        perClass = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perClass));
    }

    /** mAP@0.5 over the classes that have ground truth; empty when none has. */
    public OptionalDouble map50() {
        return map50(label -> true);
    }

    /** mAP@[.5:.95]: the mean of AP over ten thresholds and the classes that have ground truth. */
    public OptionalDouble map50To95() {
        return map50To95(label -> true);
    }

    /** mAP@0.5 over the classes that have ground truth and whose label {@code classes} accepts; empty when none. */
    public OptionalDouble map50(Predicate<String> classes) {
        return perClass.values().stream().filter(c -> c.scored() && classes.test(c.label())).mapToDouble(ClassAp::ap50).average();
    }

    /** mAP@[.5:.95] over the classes that have ground truth and whose label {@code classes} accepts. */
    public OptionalDouble map50To95(Predicate<String> classes) {
        return perClass.values().stream().filter(c -> c.scored() && classes.test(c.label())).mapToDouble(ClassAp::ap50To95).average();
    }
}
