package io.sightline.scenes.eval;

import io.sightline.scenes.real.ImageSplit;
import io.sightline.scenes.real.RealExpression;
import io.sightline.scenes.real.RealExpressionKind;
import io.sightline.scenes.real.RealExpressionSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores a grounder on the hand-written expressions of the real set ({@link RealExpressionSet}).
 *
 * <p>The rule, the same as {@link GroundingEvaluator}'s: an expression with a target is correct when the answer is
 * OK with a box whose IoU with the target box is at least {@link GroundingEvaluator#IOU} (Acc@0.5); NO_MATCH,
 * AMBIGUOUS, ERROR and OK without a box are wrong. A NO_TARGET expression is correct (rejected) when the answer is
 * NO_MATCH or OK without a box ({@link GroundingEvaluator#rejects}); OK with a box (a false acceptance), AMBIGUOUS
 * and ERROR are not rejections.
 */
public final class RealGroundingScorer {
    /**
     * Asks {@code grounder} every expression of {@code split}, grouped by image (first appearance order) and in
     * file order within an image, and scores the answers. A grounder that throws fails the run with the expression.
     */
    public RealGroundingResult score(RealExpressionSet set, ImageSplit split, ExpressionGrounder grounder) {
        Path dir = set.file().toAbsolutePath().getParent();
        Map<String, List<RealExpression>> byImage = new LinkedHashMap<>();
        for (RealExpression e : set.select(split)) {
            byImage.computeIfAbsent(e.image(), k -> new ArrayList<>()).add(e);
        }
        List<RealExpression> asked = new ArrayList<>();
        List<ExpressionAnswer> answers = new ArrayList<>();
        for (Map.Entry<String, List<RealExpression>> image : byImage.entrySet()) {
            Path file = dir.resolve(image.getKey());
            for (RealExpression e : image.getValue()) {
                ExpressionAnswer a;
                try {
                    a = Objects.requireNonNull(grounder.ground(file, e.expression()), "answer");
                } catch (RuntimeException ex) {
                    throw new IllegalStateException("grounding " + e.where() + " failed: " + ex.getMessage(), ex);
                }
                asked.add(e);
                answers.add(a);
            }
        }
        return score(split, asked, answers);
    }

    /** Scores answers collected elsewhere: {@code answers.get(i)} answers {@code expressions.get(i)}. */
    public RealGroundingResult score(ImageSplit split, List<RealExpression> expressions, List<ExpressionAnswer> answers) {
        if (expressions.size() != answers.size()) {
            throw new IllegalArgumentException(expressions.size() + " expressions but " + answers.size() + " answers");
        }
        List<ScoredRealExpression> scored = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            RealExpression e = expressions.get(i);
            ExpressionAnswer a = answers.get(i);
            if (e.kind() == RealExpressionKind.NO_TARGET) {
                scored.add(new ScoredRealExpression(e, a, 0, GroundingEvaluator.rejects(a.status(), a.box())));
            } else {
                double iou = GroundingEvaluator.acceptedIou(a.status(), a.box(), e.target().orElseThrow());
                scored.add(new ScoredRealExpression(e, a, iou, iou >= GroundingEvaluator.IOU));
            }
        }
        return RealGroundingResult.of(split, scored);
    }
}
