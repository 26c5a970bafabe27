package io.sightline.scenes.eval;

import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Acc@IoU0.5 for referring expressions. An expression with a target is correct when the system answered
 * OK with a box whose IoU with the target's ground-truth box is at least 0.5; a NO_TARGET expression is
 * correctly rejected when the answer is NO_MATCH or carries no box (AMBIGUOUS and ERROR are not rejections).
 *
 * <p>Only frames with at least one grounding prediction are graded, so a run that grounded a subset of
 * frames is scored on that subset; within a graded frame, an expression without an answer is wrong and
 * counted as missing. Answers are paired with expressions by (scene, frame, text), in order when a frame
 * repeats a text.
 */
public final class GroundingEvaluator {
    public static final double IOU = 0.5;

    /**
     * The rejection rule: an answer rejects an expression (says "nothing here") when it is NO_MATCH, or OK without a
     * box. AMBIGUOUS and ERROR are not rejections: they neither name an object nor say that none fits.
     */
    public static boolean rejects(GroundingStatus status, Optional<Box2D> box) {
        return status == GroundingStatus.NO_MATCH || (status == GroundingStatus.OK && box.isEmpty());
    }

    /** The IoU with {@code target} of an answer that names an object (OK with a box); 0 for any other answer. */
    public static double acceptedIou(GroundingStatus status, Optional<Box2D> box, Box2D target) {
        return status == GroundingStatus.OK && box.isPresent() ? box.get().iou(target) : 0;
    }

    public GroundingMetrics evaluate(List<GroundTruthFrame> frames, List<GroundingPrediction> predictions) {
        Map<FrameKey, Map<String, ArrayDeque<GroundingPrediction>>> answers = new HashMap<>();
        for (GroundingPrediction p : predictions) {
            answers.computeIfAbsent(new FrameKey(p.scene(), p.frameIndex()), k -> new HashMap<>())
                .computeIfAbsent(p.expression(), k -> new ArrayDeque<>()).add(p);
        }
        Rate targeted = Rate.NONE;
        Rate seen = Rate.NONE;
        Rate heldOut = Rate.NONE;
        Rate rejection = Rate.NONE;
        Map<ExpressionKind, Rate> byKind = new EnumMap<>(ExpressionKind.class);
        int missing = 0;
        List<ScoredExpression> scored = new ArrayList<>();
        Set<FrameKey> graded = new HashSet<>();
        for (GroundTruthFrame frame : frames) {
            Map<String, ArrayDeque<GroundingPrediction>> frameAnswers = answers.get(frame.key());
            if (frameAnswers == null || !graded.add(frame.key())) {
                continue;
            }
            for (ExpressionAnnotation e : frame.annotation().expressions()) {
                ArrayDeque<GroundingPrediction> q = frameAnswers.get(e.text());
                Optional<GroundingPrediction> answer = Optional.ofNullable(q == null ? null : q.poll());
                if (answer.isEmpty()) {
                    missing++;
                }
                double iou = 0;
                boolean correct;
                if (e.kind() == ExpressionKind.NO_TARGET || e.targetId() == null) {
                    correct = answer.isPresent() && rejects(answer.get().status(), answer.get().box());
                    rejection = rejection.plus(correct);
                } else {
                    Optional<Box2D> target = frame.annotation().objects().stream()
                        .filter(o -> o.id() == e.targetId()).map(ObjectAnnotation::box).findFirst();
                    if (target.isEmpty()) {
                        throw new IllegalArgumentException("scene " + frame.scene() + " frame " + frame.annotation().index()
                            + ": expression '" + e.text() + "' targets object " + e.targetId() + ", which is not in the frame");
                    }
                    if (answer.isPresent()) {
                        iou = acceptedIou(answer.get().status(), answer.get().box(), target.get());
                    }
                    correct = iou >= IOU;
                    targeted = targeted.plus(correct);
                    byKind.merge(e.kind(), Rate.NONE.plus(correct), (a, b) -> new Rate(a.hits() + b.hits(), a.total() + b.total()));
                    if (e.heldOut()) {
                        heldOut = heldOut.plus(correct);
                    } else {
                        seen = seen.plus(correct);
                    }
                }
                scored.add(new ScoredExpression(frame.key(), e, answer, correct, iou));
            }
        }
        return new GroundingMetrics(targeted, byKind, seen, heldOut, rejection, missing, scored);
    }
}
