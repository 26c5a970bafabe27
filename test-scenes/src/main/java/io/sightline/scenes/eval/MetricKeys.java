package io.sightline.scenes.eval;

import io.sightline.perception.scene.ExpressionKind;
import io.sightline.scenes.split.SplitPolicy;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The evaluation's numbers as one flat map of plainly named, dotted keys ("detection.map50",
 * "grounding.acc50.held_out", "latency_ms.encode.p99"), so that scripts read them without the report.
 * An undefined number (no ground truth of its kind, nothing measured) is null. Class labels in keys have
 * spaces replaced by underscores ("detection.per_class.red_cup"). Detection is also split into the colour x shape
 * compositions train saw and those it held out ("detection.map50.held_out", {@link SplitPolicy}); both are null
 * when classes are shapes alone.
 */
public final class MetricKeys {
    private MetricKeys() {}

    public static Map<String, Object> flatten(EvaluationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenes", r.scenes().size());
        m.put("frames", r.frames());
        m.put("frames_missing", r.framesMissing());
        m.put("detection.map50", number(r.detection().map50()));
        m.put("detection.map50_95", number(r.detection().map50To95()));
        SplitPolicy policy = SplitPolicy.standard();
        DetectionMetrics d = r.detection();
        m.put("detection.map50.seen", number(d.map50(policy::isSeenLabel)));
        m.put("detection.map50.held_out", number(d.map50(policy::isHeldOutLabel)));
        m.put("detection.map50_95.seen", number(d.map50To95(policy::isSeenLabel)));
        m.put("detection.map50_95.held_out", number(d.map50To95(policy::isHeldOutLabel)));
        perClass(m, d);
        GroundingMetrics g = r.grounding();
        m.put("grounding.expressions", g.expressions().size());
        m.put("grounding.missing", g.missing());
        m.put("grounding.acc50", number(g.targeted().value()));
        for (ExpressionKind k : new ExpressionKind[] {ExpressionKind.ATTRIBUTE, ExpressionKind.RELATIONAL, ExpressionKind.SUPERLATIVE}) {
            m.put("grounding.acc50." + k.name().toLowerCase(Locale.ROOT), number(g.kind(k).value()));
        }
        m.put("grounding.acc50.seen", number(g.seen().value()));
        m.put("grounding.acc50.held_out", number(g.heldOut().value()));
        m.put("grounding.no_target_rejection", number(g.noTargetRejection().value()));
        m.put("relations.accuracy", number(r.relations().accuracy()));
        m.put("relations.precision", number(r.relations().precision()));
        m.put("relations.recall", number(r.relations().recall()));
        m.put("relations.unresolved", r.relations().unresolved());
        Percentiles pos = r.positionErrorPercentiles();
        m.put("position_error_m.count", pos.count());
        m.put("position_error_m.p50", number(pos.at(50)));
        m.put("position_error_m.p95", number(pos.at(95)));
        m.put("tracking.id_switches", integer(r.idSwitches()));
        m.put("tracking.id_switches_matched", integer(r.idSwitchesMatched()));
        r.latencyMs().forEach((stage, p) -> {
            m.put("latency_ms." + keyPart(stage) + ".p50", number(p.at(50)));
            m.put("latency_ms." + keyPart(stage) + ".p99", number(p.at(99)));
        });
        return m;
    }

    /** AP50 and AP@[.5:.95] of every class with ground truth: "detection.per_class.red_cup", "detection.per_class_50_95.red_cup". */
    static void perClass(Map<String, Object> m, DetectionMetrics d) {
        d.perClass().values().stream().filter(ClassAp::scored)
            .forEach(c -> m.put("detection.per_class." + keyPart(c.label()), c.ap50()));
        d.perClass().values().stream().filter(ClassAp::scored)
            .forEach(c -> m.put("detection.per_class_50_95." + keyPart(c.label()), c.ap50To95()));
    }

    static String keyPart(String label) {
        return label.trim().replace(' ', '_');
    }

    static Double number(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    private static Integer integer(OptionalInt i) {
        return i.isPresent() ? i.getAsInt() : null;
    }
}
