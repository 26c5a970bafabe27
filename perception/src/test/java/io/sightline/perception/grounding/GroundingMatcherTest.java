package io.sightline.perception.grounding;

import static io.sightline.perception.relations.RelationFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.language.LocResult;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroundingMatcherTest {
    private final GroundingMatcher matcher = new GroundingMatcher(GroundingConfig.defaults());
    private final RelationExtractor extractor = new RelationExtractor(RelationConfig.groundTruthMargins());

    // A red cup left of a blue cube, a green ball behind the cup, a second blue cube far right.
    private final TrackedObject cup = at(1, "red", "cup", 0.5, 0.3, new Box2D(100, 300, 160, 380));
    private final TrackedObject cube = at(2, "blue", "cube", 0.5, 0.0, new Box2D(300, 300, 350, 350));
    private final TrackedObject ball = at(3, "green", "ball", 0.8, 0.3, new Box2D(120, 150, 160, 190));
    private final TrackedObject cube2 = at(4, "blue", "cube", 0.5, -0.3, new Box2D(500, 300, 550, 350));
    private final List<TrackedObject> tracks = List.of(cup, cube, ball, cube2);
    private final List<SpatialRelation> relations = extractor.extract(tracks);

    private GroundingOutcome match(String expression, DecodedTarget answer) {
        return matcher.match(expression, answer, tracks, relations);
    }

    @Test
    void boxAndLabelSelectTheTrack() {
        GroundingOutcome out = match("the red cup", DecodedTarget.of(new Box2D(102, 302, 160, 380), "red cup"));
        assertThat(out.status()).isEqualTo(GroundingStatus.OK);
        assertThat(out.target()).contains(cup);
        assertThat(out.iou()).isGreaterThan(0.9);
        assertThat(out.reason()).contains("track 1 (red cup)");
    }

    @Test
    void evidenceNamedByTheExpressionComesFirst() {
        GroundingOutcome out = match("the cup left of the blue cube", DecodedTarget.of(new Box2D(100, 300, 160, 380), "cup"));
        assertThat(out.status()).isEqualTo(GroundingStatus.OK);
        // LEFT_OF(1, 2) names the predicate, the cube's colour and shape; the nearer cube wins the tie with LEFT_OF(1, 4).
        assertThat(out.evidenceCompact()).startsWith("LEFT_OF(1, 2)", "LEFT_OF(1, 4)");
        assertThat(out.evidence()).allSatisfy(r -> assertThat(r.involves(1)).isTrue());
        assertThat(out.evidence()).hasSize((int) relations.stream().filter(r -> r.involves(1)).count());

        GroundingOutcome behind = match("the ball behind the red cup", DecodedTarget.of(new Box2D(120, 150, 160, 190), "green ball"));
        // stated once with the lower id as subject: IN_FRONT_OF(1, 3) is BEHIND(3, 1) read from the ball
        assertThat(behind.evidenceCompact()).first().isEqualTo("IN_FRONT_OF(1, 3)");
    }

    @Test
    void withAVocabularyTheExpressionNotTheAnswersLabelDecidesWhichTrackFits() {
        GroundingMatcher byExpression = new GroundingMatcher(GroundingConfig.defaults(), List.of("red", "green", "blue"),
            List.of("cup", "cube", "ball"));
        DecodedTarget cupBoxWrongLabel = DecodedTarget.of(new Box2D(102, 302, 160, 380), "green cube");
        // the box is on the red cup, the decoder named it wrongly: the expression asked for a red cup, which it is
        GroundingOutcome ok = byExpression.match("the red cup", cupBoxWrongLabel, tracks, relations);
        assertThat(ok.status()).isEqualTo(GroundingStatus.OK);
        assertThat(ok.target()).contains(cup);
        // checking the answer's label instead rejects it; so does the old matcher without a vocabulary
        assertThat(new GroundingMatcher(GroundingConfig.defaults().withLabelCheck(GroundingConfig.LabelCheck.ANSWER),
            List.of("red"), List.of("cup")).match("the red cup", cupBoxWrongLabel, tracks, relations).status())
            .isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(match("the red cup", cupBoxWrongLabel).status()).isEqualTo(GroundingStatus.NO_MATCH);
        // a box on an object the expression does not describe is NO_MATCH, whatever label the decoder echoes
        GroundingOutcome wrong = byExpression.match("the blue ball", DecodedTarget.of(new Box2D(102, 302, 160, 380), "blue ball"),
            tracks, relations);
        assertThat(wrong.status()).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(wrong.reason()).contains("track 1 (red cup)").contains("the expression asks for a blue ball");
        // an expression that names no attribute of its target falls back to the answer's label
        assertThat(byExpression.match("the one left of the blue cube", DecodedTarget.of(new Box2D(102, 302, 160, 380), "red cup"),
            tracks, relations).target()).contains(cup);
        assertThat(byExpression.match("the one left of the blue cube", DecodedTarget.of(new Box2D(102, 302, 160, 380), "green ball"),
            tracks, relations).status()).isEqualTo(GroundingStatus.NO_MATCH);
    }

    @Test
    void noneAnswerIsNoMatch() {
        GroundingOutcome out = match("the purple cone", DecodedTarget.noTarget());
        assertThat(out.status()).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(out.target()).isEmpty();
        assertThat(out.reason()).contains("nothing fits");
    }

    @Test
    void boxOnEmptyTableOrFarFromEveryTrackIsNoMatch() {
        GroundingOutcome out = match("the cup", DecodedTarget.of(new Box2D(0, 0, 30, 30), "cup"));
        assertThat(out.status()).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(out.reason()).contains("IoU >= 0.50");
        assertThat(matcher.match("the cup", DecodedTarget.of(new Box2D(0, 0, 30, 30), "cup"), List.of(), List.of()).reason())
            .isEqualTo("no tracked objects");
    }

    @Test
    void aMissedBoxFallsBackToTheOnlyTrackTheAnswersLabelNamesWhenEnabled() {
        GroundingMatcher fallback = new GroundingMatcher(GroundingConfig.defaults().withLabelFallback(true));
        assertThat(match("the cup", DecodedTarget.of(new Box2D(0, 0, 30, 30), "red cup")).status()).isEqualTo(GroundingStatus.NO_MATCH);
        GroundingOutcome cupByLabel = fallback.match("the cup", DecodedTarget.of(new Box2D(0, 0, 30, 30), "red cup"), tracks, relations);
        assertThat(cupByLabel.status()).isEqualTo(GroundingStatus.OK);
        assertThat(cupByLabel.target()).contains(cup);
        assertThat(cupByLabel.reason()).contains("track 1 (red cup) by its label").contains("IoU 0.00");
        // two blue cubes: the label does not decide, and the box hits neither
        GroundingOutcome cubes = fallback.match("the blue cube", DecodedTarget.of(new Box2D(0, 0, 30, 30), "blue cube"), tracks, relations);
        assertThat(cubes.status()).isEqualTo(GroundingStatus.NO_MATCH);
        // a box that does hit a track of the label still wins over the fallback
        GroundingOutcome byBox = fallback.match("the right cube", DecodedTarget.of(new Box2D(500, 300, 550, 350), "blue cube"), tracks, relations);
        assertThat(byBox.target()).contains(cube2);
        assertThat(byBox.reason()).doesNotContain("by its label");
    }

    @Test
    void labelMismatchIsNoMatchAndSaysSo() {
        GroundingOutcome out = match("the blue cup", DecodedTarget.of(new Box2D(100, 300, 160, 380), "blue cup"));
        assertThat(out.status()).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(out.reason()).contains("track 1 (red cup)").contains("'blue cup'");
    }

    @Test
    void twoOverlappingSameLabelTracksAreAmbiguous() {
        TrackedObject twin = at(5, "blue", "cube", 0.52, 0.0, new Box2D(302, 300, 352, 350));
        GroundingOutcome out = matcher.match("the blue cube", DecodedTarget.of(new Box2D(301, 300, 351, 350), "blue cube"),
            List.of(cube, twin), List.of());
        assertThat(out.status()).isEqualTo(GroundingStatus.AMBIGUOUS);
        assertThat(out.candidates()).extracting(TrackedObject::trackId).containsExactlyInAnyOrder(2, 5);
        assertThat(out.target()).isEmpty();
    }

    @Test
    void severalBoxesOnOneObjectAreFineOnTwoObjectsAmbiguous() {
        GroundingOutcome same = matcher.match("the blue cube", List.of(
            DecodedTarget.of(new Box2D(300, 300, 350, 350), "blue cube"),
            DecodedTarget.of(new Box2D(302, 301, 350, 350), "blue cube")), tracks, relations);
        assertThat(same.status()).isEqualTo(GroundingStatus.OK);
        assertThat(same.target()).contains(cube);
        GroundingOutcome two = matcher.match("the blue cube", List.of(
            DecodedTarget.of(new Box2D(300, 300, 350, 350), "blue cube"),
            DecodedTarget.of(new Box2D(500, 300, 550, 350), "blue cube")), tracks, relations);
        assertThat(two.status()).isEqualTo(GroundingStatus.AMBIGUOUS);
        assertThat(two.reason()).contains("[2, 4]");
    }

    @Test
    void locAnswerIsScaledToSourcePixels() {
        DecodedTarget t = DecodedTarget.fromLoc(new LocResult("red cup", 0.25, 0.5, 0.5, 1.0), 640, 480);
        assertThat(t.box()).contains(new Box2D(160, 240, 320, 480));
        assertThat(t.label()).isEqualTo("red cup");
    }

    @Test
    void decodedTargetRejectsBoxWithNone() {
        assertThatThrownBy(() -> new DecodedTarget(Optional.of(new Box2D(0, 0, 1, 1)), "", true))
            .hasMessageContaining("'none' answer carries no box");
    }

    @Test
    void labelsFitByShapeColourOrGenericNoun() {
        assertThat(LabelMatch.fits("red cup", cup)).isTrue();
        assertThat(LabelMatch.fits("cup", cup)).isTrue();
        assertThat(LabelMatch.fits("the red one", cup)).isTrue();
        assertThat(LabelMatch.fits("", cup)).isTrue();
        assertThat(LabelMatch.fits("blue cup", cup)).isFalse();
        assertThat(LabelMatch.fits("red cube", cup)).isFalse();
    }
    private GroundingOutcome checked(GroundingConfig.RelationCheck check, String expression, Box2D box) {
        return new GroundingMatcher(GroundingConfig.defaults().withRelationCheck(check), List.of("red", "green", "blue", "yellow"),
            List.of("cup", "cube", "ball", "cone")).match(expression, DecodedTarget.of(box, ""), tracks, relations);
    }

    @Test
    void anAnswerThePositionsContradictIsNoMatch() {
        Box2D onCup = new Box2D(102, 302, 160, 380);
        assertThat(GroundingConfig.defaults().relationCheck()).isEqualTo(GroundingConfig.RelationCheck.UNSUPPORTED);
        // the red cup is 0.30 m left of the blue cube (and 0.60 m left of the other): not right of either
        GroundingOutcome wrongSide = checked(GroundingConfig.RelationCheck.CONTRADICTED, "the red cup right of the blue cube", onCup);
        assertThat(wrongSide.status()).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(wrongSide.target()).isEmpty();
        assertThat(wrongSide.reason()).isEqualTo("track 1 (red cup) fits the box, but the expression asks for one right of the"
            + " blue cube and it is -0.30 m right of track 2 (blue cube), the nearest of 2 tracked blue cubes");
        assertThat(checked(GroundingConfig.RelationCheck.CONTRADICTED, "the red cup left of the blue cube", onCup).target()).contains(cup);
        assertThat(checked(GroundingConfig.RelationCheck.CONTRADICTED, "the cup in front of the green ball", onCup).target()).contains(cup);
        assertThat(checked(GroundingConfig.RelationCheck.CONTRADICTED, "the cup behind the green ball", onCup).reason())
            .endsWith("it is -0.30 m behind track 3 (green ball)");
        // 0.30 m apart is beyond the not-near threshold (0.25 m)
        assertThat(checked(GroundingConfig.RelationCheck.CONTRADICTED, "the cup near the green ball", onCup).reason())
            .endsWith("it is 0.30 m from track 3 (green ball)");
        // off: the decoder's answer stands
        assertThat(checked(GroundingConfig.RelationCheck.OFF, "the red cup right of the blue cube", onCup).target()).contains(cup);
    }

    @Test
    void contradictedLetsTheBandAndAMissingAnchorStandWhileUnsupportedDoesNot() {
        Box2D onBall = new Box2D(120, 150, 160, 190);
        // the ball and the cup are level across (both y = 0.3): neither left nor right of each other
        assertThat(checked(GroundingConfig.RelationCheck.CONTRADICTED, "the ball left of the red cup", onBall).target()).contains(ball);
        GroundingOutcome level = checked(GroundingConfig.RelationCheck.UNSUPPORTED, "the ball left of the red cup", onBall);
        assertThat(level.status()).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(level.reason()).endsWith("it is +0.00 m left of track 1 (red cup)");
        assertThat(checked(GroundingConfig.RelationCheck.UNSUPPORTED, "the ball behind the red cup", onBall).target()).contains(ball);
        // no yellow cone is tracked: nothing to contradict, nothing to support
        assertThat(checked(GroundingConfig.RelationCheck.CONTRADICTED, "the ball behind the yellow cone", onBall).target()).contains(ball);
        assertThat(checked(GroundingConfig.RelationCheck.UNSUPPORTED, "the ball behind the yellow cone", onBall).reason())
            .isEqualTo("track 3 (green ball) fits the box, but no tracked yellow cone is there to be 'behind'");
        // an anchor that names nothing is not checked, whatever the mode
        assertThat(checked(GroundingConfig.RelationCheck.UNSUPPORTED, "the ball right of the one", onBall).target()).contains(ball);
    }

    @Test
    void aTargetWithoutAPositionIsNotChecked() {
        TrackedObject unplaced = new TrackedObject(9, cup.state(), cup.detection(), Optional.empty(), 5, 0, 5);
        GroundingOutcome out = new GroundingMatcher(GroundingConfig.defaults(), List.of("red", "blue"), List.of("cup", "cube"))
            .match("the red cup right of the blue cube", DecodedTarget.of(cup.detection().box(), ""), List.of(unplaced, cube), List.of());
        assertThat(out.target()).contains(unplaced);
    }
}
