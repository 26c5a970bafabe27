package io.sightline.scenes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.pipeline.GroundingAnswer;
import io.sightline.perception.scene.Box2D;
import io.sightline.scenes.real.ImageSplit;
import io.sightline.scenes.real.RealExpressionKind;
import io.sightline.scenes.real.RealExpressionSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-set scorer against a scripted grounder (a test double that answers from a table). */
class RealGroundingScorerTest {
    @TempDir
    Path dir;

    private RealExpressionSet set;
    private final Map<String, ExpressionAnswer> script = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    private final ExpressionGrounder scripted = (image, expression) -> {
        asked.add(image.getFileName() + ": " + expression);
        ExpressionAnswer a = script.get(image.getFileName() + ": " + expression);
        if (a == null) {
            throw new IllegalStateException("no scripted answer");
        }
        return a;
    };

    private static String line(String image, String expression, String kind, String target, String split) {
        return "{\"image\": \"images/" + image + "\", \"expression\": \"" + expression + "\", \"kind\": \"" + kind
            + "\", \"target\": " + target + ", \"split\": \"" + split + "\"}";
    }

    @BeforeEach
    void writeSet() throws Exception {
        // Target boxes are 10 x 10 at the origin: a 10 x 5 answer on them has IoU exactly 0.5.
        Files.writeString(dir.resolve(RealExpressionSet.EXPRESSIONS), String.join("\n",
            line("a.jpg", "the red cup", "ATTRIBUTE", "[0, 0, 10, 10]", "val"),
            line("b.jpg", "the cup left of the box", "RELATIONAL", "[0, 0, 10, 10]", "val"),
            line("a.jpg", "the blue cup", "ATTRIBUTE", "[0, 0, 10, 10]", "val"),
            line("a.jpg", "the leftmost cup", "ORDINAL", "[0, 0, 10, 10]", "val"),
            line("a.jpg", "the cup", "CLASS", "[0, 0, 10, 10]", "val"),
            line("b.jpg", "the mug", "PARAPHRASE", "[0, 0, 10, 10]", "val"),
            line("a.jpg", "the dog", "NO_TARGET", "null", "val"),
            line("b.jpg", "the cat", "NO_TARGET", "null", "val"),
            line("b.jpg", "the horse", "NO_TARGET", "null", "val"),
            line("b.jpg", "the cow", "NO_TARGET", "null", "val"),
            line("b.jpg", "the bird", "NO_TARGET", "null", "val"),
            line("c.jpg", "the car", "CLASS", "[0, 0, 10, 10]", "test"), ""));
        set = RealExpressionSet.read(dir);
        script.put("a.jpg: the red cup", ExpressionAnswer.ok(new Box2D(0, 0, 10, 5)));        // IoU 0.5: correct
        script.put("a.jpg: the blue cup", ExpressionAnswer.ok(new Box2D(0, 0, 10, 4.9)));     // IoU 0.49: wrong
        script.put("a.jpg: the leftmost cup", ExpressionAnswer.ambiguous());                  // no object named: wrong
        script.put("a.jpg: the cup", ExpressionAnswer.ok(new Box2D(1, 1, 10, 10)));           // IoU 0.81: correct
        script.put("b.jpg: the cup left of the box", ExpressionAnswer.noMatch());             // wrong
        script.put("b.jpg: the mug", new ExpressionAnswer(GroundingStatus.NO_MATCH, Optional.of(new Box2D(0, 0, 10, 10))));
        script.put("a.jpg: the dog", ExpressionAnswer.noMatch());                             // rejected
        script.put("b.jpg: the cat", new ExpressionAnswer(GroundingStatus.OK, Optional.empty())); // rejected
        script.put("b.jpg: the horse", ExpressionAnswer.ambiguous());                         // not a rejection
        script.put("b.jpg: the cow", ExpressionAnswer.ok(new Box2D(0, 0, 10, 10)));           // accepted: wrong
        script.put("b.jpg: the bird", ExpressionAnswer.error());                              // not a rejection
        script.put("c.jpg: the car", ExpressionAnswer.ok(new Box2D(0, 0, 10, 10)));
    }

    @Test
    void scoresAcc50ByKindAndNoTargetRejection() {
        RealGroundingResult r = new RealGroundingScorer().score(set, ImageSplit.VAL, scripted);
        assertThat(r.kind(RealExpressionKind.ATTRIBUTE)).isEqualTo(new Rate(1, 2));
        assertThat(r.kind(RealExpressionKind.RELATIONAL)).isEqualTo(new Rate(0, 1));
        assertThat(r.kind(RealExpressionKind.ORDINAL)).isEqualTo(new Rate(0, 1));
        assertThat(r.kind(RealExpressionKind.CLASS)).isEqualTo(new Rate(1, 1));
        assertThat(r.kind(RealExpressionKind.PARAPHRASE)).as("a box under NO_MATCH is not an answer").isEqualTo(new Rate(0, 1));
        assertThat(r.targeted()).isEqualTo(new Rate(2, 6));
        assertThat(r.noTargetRejection()).isEqualTo(new Rate(2, 5));
        assertThat(r.kind(RealExpressionKind.NO_TARGET)).isEqualTo(r.noTargetRejection());
        assertThat(r.all()).isEqualTo(new Rate(4, 11));
        assertThat(r.scored()).hasSize(11);
        assertThat(r.scored().get(0).iou()).isCloseTo(0.5, within(1e-12));
        assertThat(r.answers()).containsEntry(GroundingStatus.OK, 5).containsEntry(GroundingStatus.NO_MATCH, 3)
            .containsEntry(GroundingStatus.AMBIGUOUS, 2).containsEntry(GroundingStatus.ERROR, 1);
    }

    @Test
    void asksOneImageAtATimeAndOnlyTheSelectedSplit() {
        new RealGroundingScorer().score(set, ImageSplit.VAL, scripted);
        assertThat(asked).containsExactly("a.jpg: the red cup", "a.jpg: the blue cup", "a.jpg: the leftmost cup", "a.jpg: the cup",
            "a.jpg: the dog", "b.jpg: the cup left of the box", "b.jpg: the mug", "b.jpg: the cat", "b.jpg: the horse",
            "b.jpg: the cow", "b.jpg: the bird");
        asked.clear();
        RealGroundingResult test = new RealGroundingScorer().score(set, ImageSplit.TEST, scripted);
        assertThat(asked).containsExactly("c.jpg: the car");
        assertThat(test.noTargetRejection()).isEqualTo(Rate.NONE);
        assertThat(test.metrics()).containsEntry("grounding.no_target_rejection", null).containsEntry("grounding.acc50.class", 1.0)
            .containsEntry("grounding.acc50.attribute", null).containsEntry("grounding.split", "test");
    }

    @Test
    void theGrounderSeesTheImageFileBesideTheExpressionFile() {
        List<Path> files = new ArrayList<>();
        new RealGroundingScorer().score(set, ImageSplit.TEST, (image, expression) -> {
            files.add(image);
            return ExpressionAnswer.noMatch();
        });
        assertThat(files).containsExactly(dir.toAbsolutePath().resolve("images/c.jpg"));
    }

    @Test
    void metricsUseFlatGroundingKeys() {
        Map<String, Object> m = new RealGroundingScorer().score(set, ImageSplit.VAL, scripted).metrics();
        assertThat(m).containsEntry("grounding.expressions", 11).containsEntry("grounding.answers.ambiguous", 2)
            .containsKeys("grounding.acc50.relational", "grounding.acc50.ordinal", "grounding.acc50.paraphrase")
            .doesNotContainKey("grounding.acc50.no_target");
        assertThat((Double) m.get("grounding.acc50")).isCloseTo(2.0 / 6, within(1e-12));
        assertThat((Double) m.get("grounding.no_target_rejection")).isCloseTo(0.4, within(1e-12));
        assertThat((Double) m.get("grounding.accuracy_all")).isCloseTo(4.0 / 11, within(1e-12));
    }

    @Test
    void aFailingGrounderNamesTheExpression() {
        script.remove("b.jpg: the mug");
        assertThatThrownBy(() -> new RealGroundingScorer().score(set, ImageSplit.VAL, scripted))
            .hasMessageContaining("images/b.jpg 'the mug' (line 6)").hasMessageContaining("no scripted answer");
    }

    @Test
    void answersCollectedElsewhereMustPairWithTheExpressions() {
        assertThatThrownBy(() -> new RealGroundingScorer().score(ImageSplit.VAL, set.select(ImageSplit.VAL), List.of()))
            .hasMessageContaining("11 expressions but 0 answers");
    }

    @Test
    void thePipelinesAnswerConvertsByStatusAndBox() {
        GroundingAnswer ok = new GroundingAnswer("the cup", "OK", Optional.of(new Box2D(0, 0, 2, 2)), OptionalLong.of(3), "cup",
            List.of(), "", "", 0, 0);
        assertThat(ExpressionAnswer.of(ok)).isEqualTo(ExpressionAnswer.ok(new Box2D(0, 0, 2, 2)));
        GroundingAnswer none = new GroundingAnswer("the dog", "NO_MATCH", Optional.empty(), OptionalLong.empty(), "", List.of(),
            "", "", 0, 0);
        assertThat(ExpressionAnswer.of(none)).isEqualTo(ExpressionAnswer.noMatch());
    }
}
