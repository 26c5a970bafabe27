package io.sightline.perception.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.relations.Predicate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatedRelationTest {
    private static final List<String> COLOURS = List.of("red", "green", "blue");
    private static final List<String> SHAPES = List.of("cup", "cube", "ball");

    private static Optional<StatedRelation> of(String expression) {
        return StatedRelation.of(expression, COLOURS, SHAPES);
    }

    @Test
    void readsThePredicateAndTheAnchorsAttributes() {
        StatedRelation r = of("the red ball to the left of the blue cup").orElseThrow();
        assertThat(r.predicate()).isEqualTo(Predicate.LEFT_OF);
        assertThat(r.phrasing()).isEqualTo("to the left of");
        assertThat(r.anchor()).isEqualTo(new TargetPhrase(Optional.of("blue"), Optional.of("cup")));
        assertThat(r.describe()).isEqualTo("to the left of the blue cup");

        assertThat(of("The one next to the GREEN one").orElseThrow())
            .isEqualTo(new StatedRelation(Predicate.NEAR, "next to", new TargetPhrase(Optional.of("green"), Optional.empty())));
        assertThat(of("the cup on the far side of the cube").orElseThrow().predicate()).isEqualTo(Predicate.BEHIND);
        assertThat(of("the cup by the ball").orElseThrow().predicate()).isEqualTo(Predicate.NEAR);
    }

    @Test
    void theLongestPhrasingAtTheEarliestWordWins() {
        // "nearer than" is IN_FRONT_OF, not NEAR followed by "than"; "closer than" likewise, not "close to"
        assertThat(of("the cup nearer than the ball").orElseThrow().predicate()).isEqualTo(Predicate.IN_FRONT_OF);
        assertThat(of("the cup closer than the red ball").orElseThrow().predicate()).isEqualTo(Predicate.IN_FRONT_OF);
        assertThat(of("the cup in front of the ball near the cube").orElseThrow())
            .satisfies(r -> assertThat(r.predicate()).isEqualTo(Predicate.IN_FRONT_OF))
            .satisfies(r -> assertThat(r.anchor().shape()).contains("ball"));
    }

    @Test
    void expressionsWithoutARelationStateNone() {
        assertThat(of("the red cup")).isEmpty();
        assertThat(of("the rightmost cup")).isEmpty();
        assertThat(of("the cup nearest to the robot")).isEmpty();
        assertThat(of("the cup behind")).isEmpty();
        assertThat(of("")).isEmpty();
        assertThat(of(null)).isEmpty();
    }
}
