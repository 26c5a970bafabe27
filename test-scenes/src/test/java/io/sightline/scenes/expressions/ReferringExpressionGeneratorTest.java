package io.sightline.scenes.expressions;

import static io.sightline.scenes.expressions.Tabletop.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.split.SplitPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferringExpressionGeneratorTest {
    private static final int FRAMES = 1500;

    private final ReferringExpressionGenerator generator = new ReferringExpressionGenerator();
    /** Large enough to return every expression a small frame allows. */
    private final ReferringExpressionGenerator exhaustive = new ReferringExpressionGenerator(10_000);
    private final IndependentResolver resolver = new IndependentResolver();

    @ParameterizedTest
    @ValueSource(strings = {"train", "test"})
    void everyExpressionResolvesToExactlyItsTargetOverRandomFrames(String split) {
        SplitPolicy policy = SplitPolicy.forSplit(split);
        SplittableRandom world = new SplittableRandom(11);
        int checked = 0;
        for (int f = 0; f < FRAMES; f++) {
            List<ObjectAnnotation> objects = Tabletop.randomFrame(world, policy);
            List<ExpressionAnnotation> expressions = generator.generate(objects, policy, new SplittableRandom(f));
            for (ExpressionAnnotation e : expressions) {
                assertResolvesToItsTarget(e, objects);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(FRAMES * 3);
    }

    private void assertResolvesToItsTarget(ExpressionAnnotation e, List<ObjectAnnotation> objects) {
        IndependentResolver.Resolution r = resolver.resolve(e.text(), objects);
        String where = e + " in " + objects;
        if (e.kind() == ExpressionKind.NO_TARGET) {
            assertThat(e.targetId()).as(where).isNull();
            assertThat(r.targets()).as(where).isEmpty();
        } else {
            assertThat(r.targets()).as(where).containsExactly(e.targetId());
            assertThat(byId(objects, e.targetId()).visibility()).as(where).isGreaterThan(0.5);
        }
        if (r.parse().relational()) {
            assertThat(e.kind()).as(where).isIn(ExpressionKind.RELATIONAL, ExpressionKind.NO_TARGET);
            assertThat(r.anchors()).as("the anchor is unique: " + where).hasSize(1);
            assertThat(byId(objects, r.anchors().iterator().next()).visibility()).as(where).isGreaterThan(0.5);
        } else if (r.parse().isSuperlative()) {
            assertThat(e.kind()).as(where).isEqualTo(ExpressionKind.SUPERLATIVE);
        } else {
            assertThat(e.kind()).as(where).isIn(ExpressionKind.ATTRIBUTE, ExpressionKind.NO_TARGET);
        }
    }

    @Test
    void framesGetSeveralExpressionsOfMixedKindsAndUsuallyANoTarget() {
        SplitPolicy policy = SplitPolicy.forSplit("val");
        SplittableRandom world = new SplittableRandom(5);
        Map<ExpressionKind, Integer> kinds = new EnumMap<>(ExpressionKind.class);
        int frames = 0;
        int withNoTarget = 0;
        int expressions = 0;
        for (int f = 0; f < 400; f++) {
            List<ObjectAnnotation> objects = Tabletop.randomFrame(world, policy);
            List<ExpressionAnnotation> out = generator.generate(objects, policy, new SplittableRandom(f));
            assertThat(out).hasSizeLessThanOrEqualTo(ReferringExpressionGenerator.DEFAULT_MAX_EXPRESSIONS);
            assertThat(out.stream().map(ExpressionAnnotation::text).distinct().count()).isEqualTo(out.size());
            out.forEach(e -> kinds.merge(e.kind(), 1, Integer::sum));
            frames++;
            expressions += out.size();
            if (out.stream().anyMatch(e -> e.kind() == ExpressionKind.NO_TARGET)) {
                withNoTarget++;
            }
        }
        assertThat(withNoTarget).isGreaterThan(frames * 9 / 10);
        assertThat(expressions).isGreaterThan(frames * 4);
        for (ExpressionKind k : ExpressionKind.values()) {
            assertThat(kinds.getOrDefault(k, 0)).as(k.name()).isGreaterThan(expressions / 20);
        }
    }

    @Test
    void sameObjectsAndRandomStateGiveTheSameExpressions() {
        SplitPolicy policy = SplitPolicy.forSplit("test");
        List<ObjectAnnotation> objects = Tabletop.randomFrame(new SplittableRandom(3), policy);
        while (objects.size() < 5) {
            objects = Tabletop.randomFrame(new SplittableRandom(objects.size() + 100), policy);
        }
        List<ExpressionAnnotation> a = generator.generate(objects, policy, new SplittableRandom(42));
        List<ExpressionAnnotation> b = generator.generate(objects, policy, new SplittableRandom(42));
        assertThat(a).isNotEmpty().isEqualTo(b);
        boolean anyDiffers = false;
        for (int seed = 0; seed < 20 && !anyDiffers; seed++) {
            anyDiffers = !generator.generate(objects, policy, new SplittableRandom(seed)).equals(a);
        }
        assertThat(anyDiffers).as("the random stream chooses among the expressions").isTrue();
    }

    // ---- margins: the generator only states what is clearly true ----

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.04, 0.05, 0.07, 0.10})
    void neverSaysLeftOfInsideTheMarginOrTheAmbiguityBand(double offset) {
        List<ObjectAnnotation> objects = List.of(
                at(1, "blue", "cube", 0.6, 0.0), at(2, "red", "cup", 0.6, offset), at(3, "green", "ball", 0.9, -0.3));
        assertThat(allTexts(objects))
                .noneMatch(t -> t.matches("the (red cup|cup|red one) (to the )?left of the (blue cube|cube|blue one)"));
    }

    @Test
    void anObjectLevelWithTheAnchorIsOnlyEverDeniedToBeLeftOfIt() {
        List<ObjectAnnotation> objects = List.of(
                at(1, "blue", "cube", 0.6, 0.0), at(2, "red", "cup", 0.75, 0.0), at(3, "green", "ball", 0.9, -0.3));
        List<ExpressionAnnotation> leftOf = all(objects).stream()
                .filter(e -> e.text().matches("the (red cup|cup|red one) (to the )?left of the (blue cube|cube|blue one)"))
                .toList();
        assertThat(leftOf).isNotEmpty().allMatch(e -> e.kind() == ExpressionKind.NO_TARGET);
    }

    @Test
    void saysLeftOfBeyondTheAmbiguityBand() {
        List<ObjectAnnotation> objects = List.of(
                at(1, "blue", "cube", 0.6, 0.0), at(2, "red", "cup", 0.6, 0.12), at(3, "green", "ball", 0.9, -0.3));
        List<ExpressionAnnotation> all = all(objects);
        assertThat(all).anySatisfy(e -> {
            assertThat(e.text()).isIn("the red cup left of the blue cube", "the red cup to the left of the blue cube");
            assertThat(e.targetId()).isEqualTo(2);
        });
        // 0.12 m to the left is clearly not right of the cube: a valid expression with no target.
        assertThat(all).anySatisfy(e -> {
            assertThat(e.text()).isIn("the red cup right of the blue cube", "the red cup to the right of the blue cube");
            assertThat(e.kind()).isEqualTo(ExpressionKind.NO_TARGET);
        });
    }

    @Test
    void aDistractorInsideTheBandBlocksTheRelation() {
        // Ball 2 is clearly behind the can; ball 3 is 7 cm behind it, borderline: "the ball behind the can" is unsafe.
        List<ObjectAnnotation> objects = List.of(
                at(1, "red", "can", 0.5, 0.0), at(2, "blue", "ball", 0.8, 0.1), at(3, "green", "ball", 0.57, -0.25));
        assertThat(allTexts(objects)).noneMatch(
                t -> t.matches("the ball (behind|at the back of|on the far side of) the (red can|can|red one)"));
        // Moving ball 3 level with the can makes it clearly not behind, and the expression appears.
        List<ObjectAnnotation> clear = List.of(
                at(1, "red", "can", 0.5, 0.0), at(2, "blue", "ball", 0.8, 0.1), at(3, "green", "ball", 0.5, -0.25));
        assertThat(all(clear)).anySatisfy(e -> {
            assertThat(e.text()).startsWith("the ball ").endsWith(" the can");
            assertThat(e.text()).containsAnyOf("behind", "at the back of", "on the far side of");
            assertThat(e.targetId()).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.16, 0.20, 0.25})
    void nearIsNeitherClaimedNorDeniedInItsBand(double distance) {
        List<ObjectAnnotation> objects = List.of(at(1, "blue", "cube", 0.6, 0.0), at(2, "red", "cup", 0.6 + distance, 0.0));
        assertThat(allTexts(objects)).noneMatch(t -> t.contains(" near the") || t.contains(" next to the")
                || t.contains(" close to the"));
    }

    @Test
    void nearIsClaimedWhenCloseAndDeniedWhenFar() {
        List<ObjectAnnotation> close = List.of(at(1, "blue", "cube", 0.6, 0.0), at(2, "red", "cup", 0.6, 0.14),
                at(3, "red", "ball", 0.6, 0.5));
        assertThat(all(close)).anySatisfy(e -> {
            assertThat(e.text()).matches("the red one (near|next to|close to) the (blue cube|cube|blue one)");
            assertThat(e.targetId()).isEqualTo(2);
        });
        List<ObjectAnnotation> far = List.of(at(1, "blue", "cube", 0.6, 0.0), at(2, "red", "cup", 0.6, 0.30));
        assertThat(all(far)).anySatisfy(e -> {
            assertThat(e.text()).matches("the (red cup|cup|red one) (near|next to|close to) the (blue cube|cube|blue one)");
            assertThat(e.kind()).isEqualTo(ExpressionKind.NO_TARGET);
        });
    }

    @Test
    void superlativesNeedAClearWinner() {
        List<ObjectAnnotation> closeCall = List.of(at(1, "red", "bottle", 0.50, 0.0), at(2, "blue", "bottle", 0.58, 0.0));
        assertThat(allTexts(closeCall)).noneMatch(t -> t.contains("nearest") || t.contains("closest")
                || t.contains("farthest") || t.contains("furthest"));
        List<ObjectAnnotation> clear = List.of(at(1, "red", "bottle", 0.50, 0.0), at(2, "blue", "bottle", 0.65, 0.0));
        assertThat(all(clear)).anySatisfy(e -> {
            assertThat(e.text()).isIn("the bottle nearest to the robot", "the bottle closest to the robot");
            assertThat(e.targetId()).isEqualTo(1);
        });
        assertThat(all(clear)).anySatisfy(e -> {
            assertThat(e.text()).isIn("the bottle farthest from the robot", "the bottle furthest from the robot");
            assertThat(e.targetId()).isEqualTo(2);
        });
    }

    // ---- visibility ----

    @Test
    void halfHiddenObjectsAreNeverTargetsOrAnchorsButStillCountAsMatches() {
        List<ObjectAnnotation> objects = List.of(at(1, "red", "cup", 0.6, 0.3, 0.9), at(2, "red", "cup", 0.6, -0.3, 0.3),
                at(3, "green", "cone", 0.9, 0.0, 0.4), at(4, "blue", "ball", 0.45, 0.0, 1.0));
        List<ExpressionAnnotation> all = all(objects);
        assertThat(all).isNotEmpty().noneMatch(e -> e.targetId() != null && e.targetId() != 1 && e.targetId() != 4);
        assertThat(all).noneMatch(e -> e.text().endsWith("the green cone") || e.text().endsWith("the cone")
                || e.text().endsWith("the green one"));
        // The half-hidden red cup makes "the red cup" ambiguous, so it is neither a target nor a NO_TARGET.
        assertThat(all).noneMatch(e -> e.text().equals("the red cup") || e.text().equals("the cup"));
        assertThat(all).noneMatch(e -> e.text().equals("the green cone"));
    }

    @Test
    void objectsWithZeroVisibilityAreNotInView() {
        List<ObjectAnnotation> objects = List.of(at(1, "red", "cup", 0.6, 0.3), at(2, "purple", "ball", 0.7, 0.0, 0.0));
        assertThat(all(objects)).anySatisfy(e -> {
            assertThat(e.text()).isEqualTo("the purple ball");
            assertThat(e.kind()).isEqualTo(ExpressionKind.NO_TARGET);
        });
    }

    @Test
    void emptyFramesGetOnlyNoTargetExpressions() {
        List<ExpressionAnnotation> out = generator.generate(List.of(), SplitPolicy.forSplit("test"), new SplittableRandom(1));
        assertThat(out).isNotEmpty().allMatch(e -> e.kind() == ExpressionKind.NO_TARGET && e.targetId() == null);
    }

    // ---- every phrasing is produced and means what it says ----

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(RelationPhrasing.class)
    void eachRelationPhrasingIsUsedForItsRelation(RelationPhrasing phrasing) {
        // The cup sits 0.15 m from the cube in the relation's direction (0.10 m for NEAR); a red ball stands
        // three times as far on the opposite side, where the relation is clearly false.
        double dx = 0;
        double dy = 0;
        switch (phrasing.relation()) {
            case LEFT_OF -> dy = 0.15;
            case RIGHT_OF -> dy = -0.15;
            case IN_FRONT_OF -> dx = -0.15;
            case BEHIND -> dx = 0.15;
            case NEAR -> dy = 0.10;
        }
        List<ObjectAnnotation> objects = List.of(at(1, "blue", "cube", 0.7, 0.0), at(2, "red", "cup", 0.7 + dx, dy),
                at(3, "red", "ball", 0.7 - 3 * dx, -3 * dy));
        String expected = "the red one " + phrasing.words() + " the blue cube";
        ExpressionAnnotation found = findAcrossSeeds(objects, SplitPolicy.forSplit("test"), expected);
        assertThat(found.targetId()).isEqualTo(2);
        assertThat(resolver.resolve(expected, objects).targets()).containsExactly(2);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(SuperlativePhrasing.class)
    void eachSuperlativePhrasingPicksTheExtreme(SuperlativePhrasing phrasing) {
        List<ObjectAnnotation> objects = List.of(at(1, "green", "can", 0.45, 0.30), at(2, "red", "can", 0.75, 0.0),
                at(3, "blue", "can", 1.05, -0.35));
        String expected = phrasing.beforeHead() ? "the " + phrasing.words() + " can" : "the can " + phrasing.words();
        ExpressionAnnotation found = findAcrossSeeds(objects, SplitPolicy.forSplit("test"), expected);
        int extreme = switch (phrasing.extreme()) {
            case NEAREST, LEFTMOST -> 1;
            case FARTHEST, RIGHTMOST -> 3;
        };
        assertThat(found.targetId()).isEqualTo(extreme);
        assertThat(found.kind()).isEqualTo(ExpressionKind.SUPERLATIVE);
        assertThat(resolver.resolve(expected, objects).targets()).containsExactly(extreme);
    }

    @Test
    void attributeExpressionsUseTheShortestFormsThatAreUnique() {
        List<ObjectAnnotation> objects = List.of(at(1, "red", "cup", 0.6, 0.3), at(2, "red", "cube", 0.6, -0.3),
                at(3, "green", "cube", 0.9, 0.0));
        List<String> texts = all(objects).stream().filter(e -> e.kind() == ExpressionKind.ATTRIBUTE)
                .map(ExpressionAnnotation::text).distinct().toList();
        assertThat(texts).containsExactlyInAnyOrder("the red cup", "the cup", "the red cube", "the green cube",
                "the green one");
    }

    private ExpressionAnnotation findAcrossSeeds(List<ObjectAnnotation> objects, SplitPolicy policy, String text) {
        for (int seed = 0; seed < 64; seed++) {
            for (ExpressionAnnotation e : exhaustive.generate(objects, policy, new SplittableRandom(seed))) {
                if (e.text().equals(text)) {
                    return e;
                }
            }
        }
        throw new AssertionError("never generated '" + text + "' for " + objects);
    }

    /** Every expression the frame allows in the test split, in all the wordings 32 random streams choose. */
    private List<ExpressionAnnotation> all(List<ObjectAnnotation> objects) {
        List<ExpressionAnnotation> out = new ArrayList<>();
        for (int seed = 0; seed < 32; seed++) {
            out.addAll(exhaustive.generate(objects, SplitPolicy.forSplit("test"), new SplittableRandom(seed)));
        }
        out.forEach(e -> assertResolvesToItsTarget(e, objects));
        return out;
    }

    private List<String> allTexts(List<ObjectAnnotation> objects) {
        return all(objects).stream().map(ExpressionAnnotation::text).toList();
    }

    private static ObjectAnnotation byId(List<ObjectAnnotation> objects, int id) {
        return objects.stream().filter(o -> o.id() == id).findFirst().orElseThrow();
    }
}
