package io.sightline.scenes.eval;

import io.sightline.scenes.real.ImageSplit;
import io.sightline.scenes.real.RealExpressionKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grounder scored on the real set's expressions ({@link RealGroundingScorer}).
 *
 * @param split             the expressions scored
 * @param byKind            Acc@0.5 of each kind with a target; NO_TARGET's is {@code noTargetRejection}
 * @param targeted          Acc@0.5 over every expression with a target
 * @param noTargetRejection NO_TARGET expressions answered NO_MATCH (or OK without a box)
 * @param all               every expression, each counted correct by its own rule
 * @param answers           how many answers of each status came back
 * @param scored            every expression judged, in the order asked
 */
public record RealGroundingResult(ImageSplit split, Map<RealExpressionKind, Rate> byKind, Rate targeted,
                                  Rate noTargetRejection, Rate all, Map<GroundingStatus, Integer> answers,
                                  List<ScoredRealExpression> scored) {
    public RealGroundingResult {
        byKind = Map.copyOf(byKind);
        answers = Map.copyOf(answers);
        scored = List.copyOf(scored);
    }

    static RealGroundingResult of(ImageSplit split, List<ScoredRealExpression> scored) {
        Map<RealExpressionKind, Rate> byKind = new EnumMap<>(RealExpressionKind.class);
        Map<GroundingStatus, Integer> answers = new EnumMap<>(GroundingStatus.class);
        Rate targeted = Rate.NONE;
        Rate rejection = Rate.NONE;
        Rate all = Rate.NONE;
        for (ScoredRealExpression s : scored) {
            RealExpressionKind kind = s.expression().kind();
            if (kind == RealExpressionKind.NO_TARGET) {
                rejection = rejection.plus(s.correct());
            } else {
                targeted = targeted.plus(s.correct());
                byKind.put(kind, byKind.getOrDefault(kind, Rate.NONE).plus(s.correct()));
            }
            all = all.plus(s.correct());
            answers.merge(s.answer().status(), 1, Integer::sum);
        }
        return new RealGroundingResult(split, byKind, targeted, rejection, all, answers, scored);
    }

    /** Acc@0.5 of a kind with a target ({@link Rate#NONE} when the split has none); NO_TARGET gives the rejection rate. */
    public Rate kind(RealExpressionKind kind) {
        return kind == RealExpressionKind.NO_TARGET ? noTargetRejection : byKind.getOrDefault(kind, Rate.NONE);
    }

    /**
     * The figures as flat keys, named like {@link MetricKeys}' grounding keys: "grounding.acc50",
     * "grounding.acc50.attribute" (... relational, ordinal, class, paraphrase), "grounding.no_target_rejection",
     * "grounding.accuracy_all", counts "grounding.expressions", "grounding.answers.ok" (... no_match, ambiguous, error).
     * An undefined rate is null.
     */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grounding.split", split.key());
        m.put("grounding.expressions", scored.size());
        m.put("grounding.acc50", MetricKeys.number(targeted.value()));
        for (RealExpressionKind k : RealExpressionKind.values()) {
            if (k != RealExpressionKind.NO_TARGET) {
                m.put("grounding.acc50." + k.key(), MetricKeys.number(kind(k).value()));
            }
        }
        m.put("grounding.no_target_rejection", MetricKeys.number(noTargetRejection.value()));
        m.put("grounding.accuracy_all", MetricKeys.number(all.value()));
        for (GroundingStatus s : GroundingStatus.values()) {
            m.put("grounding.answers." + s.name().toLowerCase(java.util.Locale.ROOT), answers.getOrDefault(s, 0));
        }
        return m;
    }
}
