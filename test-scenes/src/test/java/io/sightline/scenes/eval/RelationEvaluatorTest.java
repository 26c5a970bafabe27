package io.sightline.scenes.eval;

import static io.sightline.scenes.eval.EvalFixtures.frame;
import static io.sightline.scenes.eval.EvalFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.Box2D;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelationEvaluatorTest {
    // Object 1 at (0.5, 0.30), object 2 at (0.5, 0.0): 1 is LEFT_OF 2 (dy = 0.30 > 0.05), 2 RIGHT_OF 1;
    // dx = 0, so neither in front nor behind; 0.30 m apart, so not NEAR.
    private static final GroundTruthFrame F = new GroundTruthFrame("s", frame(0, List.of(
        object(1, "red", "cup", new Box2D(0, 0, 10, 10), 0.5, 0.30),
        object(2, "blue", "cube", new Box2D(20, 0, 30, 10), 0.5, 0.0),
        object(3, "green", "ball", new Box2D(40, 0, 50, 10), 0.9, 0.0)), List.of()));

    @Test
    void perfectAssertionsAgreeEverywhere() {
        RelationEvaluator e = new RelationEvaluator();
        e.add(F, Set.of(1, 2), List.of(
            new RelationPrediction("s", 0, 1, Predicate.LEFT_OF, 2),
            new RelationPrediction("s", 0, 2, Predicate.RIGHT_OF, 1)));
        // 2 ordered pairs x 5 predicates = 10 decisions, all agree; 2 hold, 2 asserted, both true.
        assertThat(e.metrics()).isEqualTo(new RelationMetrics(10, 10, 2, 2, 2, 0));
        assertThat(e.metrics().accuracy().getAsDouble()).isEqualTo(1.0);
    }

    @Test
    void wrongAndMissedAssertionsCount() {
        RelationEvaluator e = new RelationEvaluator();
        // Asserts 1 NEAR 2 (false: 0.30 m; so NEAR(2, 1) too) and omits both true directions.
        e.add(F, Set.of(1, 2), List.of(new RelationPrediction("s", 0, 1, Predicate.NEAR, 2)));
        // 10 decisions: wrong on NEAR(1,2), NEAR(2,1), LEFT_OF(1,2), RIGHT_OF(2,1) -> 6 agree.
        RelationMetrics m = e.metrics();
        assertThat(m).isEqualTo(new RelationMetrics(10, 6, 2, 0, 2, 0));
        assertThat(m.accuracy().getAsDouble()).isEqualTo(0.6);
        assertThat(m.precision().getAsDouble()).isEqualTo(0.0);
        assertThat(m.recall().getAsDouble()).isEqualTo(0.0);
    }

    @Test
    void anAssertionAboutAnUndetectedObjectWidensThePairs() {
        RelationEvaluator e = new RelationEvaluator();
        // 3 is 0.4 m further (x) than 2: 3 BEHIND 2 and 2 IN_FRONT_OF 3 hold; 1 vs 3: dx 0.4, dy 0.3.
        e.add(F, Set.of(2), List.of(new RelationPrediction("s", 0, 3, Predicate.BEHIND, 2)));
        // Ids {2, 3}: 2 pairs x 5 = 10; holds: BEHIND(3,2), IN_FRONT_OF(2,3); asserted one, its inverse implied -> 10 agree.
        assertThat(e.metrics()).isEqualTo(new RelationMetrics(10, 10, 2, 2, 2, 0));
    }

    @Test
    void aRelationAssertsItsInverse() {
        RelationEvaluator e = new RelationEvaluator();
        e.add(F, Set.of(1, 2), List.of(new RelationPrediction("s", 0, 1, Predicate.LEFT_OF, 2)));
        // LEFT_OF(1, 2) says RIGHT_OF(2, 1) too: every decision agrees, as with both stated.
        assertThat(e.metrics()).isEqualTo(new RelationMetrics(10, 10, 2, 2, 2, 0));
    }

    @Test
    void onlyNeighbouringPairsAreDecided() {
        // 1 (0.5, 0.3), 2 (0.5, 0), 3 (0.9, 0): with one neighbour, 1's nearest is 2 (0.30 m), 2's is 1, 3's is 2
        // (0.40 m): pairs 1-2 and 2-3, not 1-3 (0.50 m).
        RelationEvaluator one = new RelationEvaluator(1);
        one.add(F, Set.of(1, 2, 3), List.of());
        assertThat(one.metrics().decisions()).isEqualTo(2 * 2 * 5);
        RelationEvaluator every = new RelationEvaluator(2);
        every.add(F, Set.of(1, 2, 3), List.of());
        assertThat(every.metrics().decisions()).isEqualTo(3 * 2 * 5);
        // a pair the run spoke about is judged even when it is not a neighbouring one
        RelationEvaluator claimed = new RelationEvaluator(1);
        claimed.add(F, Set.of(1, 2, 3), List.of(new RelationPrediction("s", 0, 1, Predicate.NEAR, 3)));
        assertThat(claimed.metrics().decisions()).isEqualTo(3 * 2 * 5);
    }

    @Test
    void unknownObjectIdIsNamed() {
        RelationEvaluator e = new RelationEvaluator();
        assertThatThrownBy(() -> e.add(F, Set.of(), List.of(new RelationPrediction("s", 0, 9, Predicate.NEAR, 1))))
            .hasMessageContaining("object 9");
    }

    @Test
    void nothingDecidedIsUndefined() {
        assertThat(RelationMetrics.NOT_MEASURED.accuracy()).isEmpty();
    }
}
