package io.sightline.scenes.eval;

import static io.sightline.scenes.eval.EvalFixtures.answer;
import static io.sightline.scenes.eval.EvalFixtures.expr;
import static io.sightline.scenes.eval.EvalFixtures.frame;
import static io.sightline.scenes.eval.EvalFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ExpressionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundingEvaluatorTest {
    private static final Box2D CUP = new Box2D(0, 0, 10, 10);
    private static final Box2D CUBE = new Box2D(20, 0, 30, 10);
    private static final GroundTruthFrame F0 = new GroundTruthFrame("s", frame(0,
        List.of(object(1, "red", "cup", CUP, 0.5, 0.1), object(2, "blue", "cube", CUBE, 0.5, -0.1)),
        List.of(expr("the red cup", ExpressionKind.ATTRIBUTE, 1, false),
            expr("the cube right of the cup", ExpressionKind.RELATIONAL, 2, true),
            expr("the leftmost object", ExpressionKind.SUPERLATIVE, 1, false),
            expr("the purple ball", ExpressionKind.NO_TARGET, null, false),
            expr("the green cone", ExpressionKind.NO_TARGET, null, true))));
    private final GroundingEvaluator evaluator = new GroundingEvaluator();

    @Test
    void scoresEachKindAndSplit() {
        GroundingMetrics m = evaluator.evaluate(List.of(F0), List.of(
            // IoU([0,10]x[0,10], [0,5]x[0,10]) = 50 / 100 = 0.5 exactly: correct.
            answer("s", 0, "the red cup", GroundingStatus.OK, new Box2D(0, 0, 5, 10)),
            // The cup's box for the cube: IoU 0 -> wrong.
            answer("s", 0, "the cube right of the cup", GroundingStatus.OK, CUP),
            // Right box but AMBIGUOUS: not an answer -> wrong.
            answer("s", 0, "the leftmost object", GroundingStatus.AMBIGUOUS, CUP),
            answer("s", 0, "the purple ball", GroundingStatus.NO_MATCH, null),
            // A box for a no-target expression: not a rejection.
            answer("s", 0, "the green cone", GroundingStatus.OK, CUBE)));
        // Targeted: 1 of 3. Attribute 1/1, relational 0/1, superlative 0/1.
        assertThat(m.targeted()).isEqualTo(new Rate(1, 3));
        assertThat(m.kind(ExpressionKind.ATTRIBUTE)).isEqualTo(new Rate(1, 1));
        assertThat(m.kind(ExpressionKind.RELATIONAL)).isEqualTo(new Rate(0, 1));
        assertThat(m.kind(ExpressionKind.SUPERLATIVE)).isEqualTo(new Rate(0, 1));
        // Seen: red cup (right), leftmost (wrong) = 1/2; held out: cube (wrong) = 0/1.
        assertThat(m.seen()).isEqualTo(new Rate(1, 2));
        assertThat(m.heldOut()).isEqualTo(new Rate(0, 1));
        assertThat(m.noTargetRejection()).isEqualTo(new Rate(1, 2));
        assertThat(m.missing()).isZero();
        assertThat(m.expressions()).hasSize(5);
        assertThat(m.expressions().get(0).iou()).isEqualTo(0.5);
    }

    @Test
    void justBelowHalfIouIsWrong() {
        // IoU([0,10]x[0,10], [0,4.9]x[0,10]) = 0.49.
        GroundingMetrics m = evaluator.evaluate(List.of(F0), List.of(
            answer("s", 0, "the red cup", GroundingStatus.OK, new Box2D(0, 0, 4.9, 10))));
        assertThat(m.kind(ExpressionKind.ATTRIBUTE)).isEqualTo(new Rate(0, 1));
    }

    @Test
    void unansweredExpressionsOfAGradedFrameAreWrongAndUngradedFramesAreSkipped() {
        GroundTruthFrame f1 = new GroundTruthFrame("s", frame(1, F0.annotation().objects(), F0.annotation().expressions()));
        GroundingMetrics m = evaluator.evaluate(List.of(F0, f1), List.of(
            answer("s", 0, "the red cup", GroundingStatus.OK, CUP)));
        // Only frame 0 is graded: 1 right of 3 targeted, the other 4 expressions missing.
        assertThat(m.targeted()).isEqualTo(new Rate(1, 3));
        assertThat(m.missing()).isEqualTo(4);
        assertThat(m.noTargetRejection()).isEqualTo(new Rate(0, 2));
        assertThat(m.expressions()).hasSize(5);
    }

    @Test
    void noAnswersAtAllMeasureNothing() {
        GroundingMetrics m = evaluator.evaluate(List.of(F0), List.of());
        assertThat(m.targeted().value()).isEmpty();
        assertThat(m.noTargetRejection().value()).isEmpty();
    }

    @Test
    void aTargetMissingFromTheFrameIsNamed() {
        GroundTruthFrame bad = new GroundTruthFrame("s", frame(0, List.of(),
            List.of(expr("the red cup", ExpressionKind.ATTRIBUTE, 7, false))));
        assertThatThrownBy(() -> evaluator.evaluate(List.of(bad),
            List.of(answer("s", 0, "the red cup", GroundingStatus.OK, CUP))))
            .hasMessageContaining("object 7").hasMessageContaining("the red cup");
    }

    @Test
    void statusNamesParseInEverySpelling() {
        assertThat(GroundingStatus.parse("no_match")).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(GroundingStatus.parse("GROUNDING_STATUS_AMBIGUOUS")).isEqualTo(GroundingStatus.AMBIGUOUS);
        assertThatThrownBy(() -> GroundingStatus.parse("maybe")).hasMessageContaining("'maybe'");
    }
}
