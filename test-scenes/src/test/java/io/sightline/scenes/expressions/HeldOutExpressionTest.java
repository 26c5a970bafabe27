package io.sightline.scenes.expressions;

import static io.sightline.scenes.expressions.Tabletop.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.split.SplitPolicy;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator's side of the splits: train never shows what is held out; other splits flag it. */
class HeldOutExpressionTest {
    private final ReferringExpressionGenerator generator = new ReferringExpressionGenerator();
    private final IndependentResolver resolver = new IndependentResolver();

    @Test
    void trainExpressionsNeverUseAHeldOutPhrasingOrComposition() {
        SplitPolicy train = SplitPolicy.forSplit("train");
        SplittableRandom world = new SplittableRandom(21);
        int expressions = 0;
        for (int f = 0; f < 800; f++) {
            List<ObjectAnnotation> objects = Tabletop.randomFrame(world, train);
            for (ExpressionAnnotation e : generator.generate(objects, train, new SplittableRandom(f))) {
                assertThat(e.heldOut()).as(e.text()).isFalse();
                assertThat(expectedHeldOut(e, objects, train)).as(e.text()).isFalse();
                expressions++;
            }
        }
        assertThat(expressions).isGreaterThan(2000);
    }

    @Test
    void trainSkipsHeldOutObjectsEvenWhenTheWorldPutsOneInTheFrame() {
        SplitPolicy train = SplitPolicy.forSplit("train");
        List<ObjectAnnotation> objects = List.of(at(1, "purple", "cone", 0.6, 0.3), at(2, "red", "cup", 0.6, -0.1),
                at(3, "red", "cube", 0.9, -0.1));
        for (int seed = 0; seed < 20; seed++) {
            for (ExpressionAnnotation e : new ReferringExpressionGenerator(1000).generate(objects, train,
                    new SplittableRandom(seed))) {
                assertThat(e.heldOut()).as(e.text()).isFalse();
                assertThat(e.target()).as(e.text()).isNotEqualTo(OptionalInt.of(1));
                assertThat(e.text()).doesNotContain("purple cone");
            }
        }
    }

    @Test
    void testSplitFlagsExactlyTheExpressionsThatTouchWhatTrainNeverSaw() {
        SplitPolicy test = SplitPolicy.forSplit("test");
        SplittableRandom world = new SplittableRandom(22);
        int flagged = 0;
        int seen = 0;
        for (int f = 0; f < 800; f++) {
            List<ObjectAnnotation> objects = Tabletop.randomFrame(world, test);
            for (ExpressionAnnotation e : generator.generate(objects, test, new SplittableRandom(f))) {
                assertThat(e.heldOut()).as(e.text() + " in " + objects).isEqualTo(expectedHeldOut(e, objects, test));
                if (e.heldOut()) {
                    flagged++;
                } else {
                    seen++;
                }
            }
        }
        // Both halves of the evaluation get material.
        assertThat(flagged).isGreaterThan(200);
        assertThat(seen).isGreaterThan(flagged);
    }

    @Test
    void everyHeldOutPhrasingAppearsInTheTestSplit() {
        SplitPolicy test = SplitPolicy.forSplit("test");
        SplittableRandom world = new SplittableRandom(23);
        StringBuilder all = new StringBuilder();
        for (int f = 0; f < 800; f++) {
            List<ObjectAnnotation> objects = Tabletop.randomFrame(world, test);
            generator.generate(objects, test, new SplittableRandom(f)).forEach(e -> all.append(e.text()).append('\n'));
        }
        for (String id : test.heldOutPhrasings()) {
            assertThat(all.toString()).as(id).contains(" " + id.replace('_', ' '));
        }
    }

    /**
     * Recomputed from the text: its wording, any colour-and-shape it names, and the compositions of the objects
     * it refers to (target and anchor).
     */
    private boolean expectedHeldOut(ExpressionAnnotation e, List<ObjectAnnotation> objects, SplitPolicy policy) {
        IndependentResolver.Resolution r = resolver.resolve(e.text(), objects);
        IndependentResolver.Parse p = r.parse();
        boolean held = false;
        if (p.relationWords() != null) {
            held |= policy.isHeldOutPhrasing(p.relationWords().replace(' ', '_'));
            held |= names(p.anchor(), policy);
        }
        if (p.superlative() != null) {
            held |= policy.isHeldOutPhrasing(p.superlative().replace(' ', '_'));
        }
        held |= names(p.head(), policy);
        for (ObjectAnnotation o : objects) {
            boolean involved = (e.targetId() != null && o.id() == e.targetId()) || r.anchors().contains(o.id());
            held |= involved && policy.isHeldOutComposition(o.shape(), o.colour());
        }
        return held;
    }

    private static boolean names(IndependentResolver.Np np, SplitPolicy policy) {
        return np.colour() != null && np.shape() != null && policy.isHeldOutComposition(np.shape(), np.colour());
    }
}
