package io.sightline.scenes.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.relations.Predicate;
import io.sightline.scenes.expressions.Extreme;
import io.sightline.scenes.expressions.RelationPhrasing;
import io.sightline.scenes.expressions.SuperlativePhrasing;
import io.sightline.scenes.expressions.Vocabulary;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitPolicyTest {
    private final SplitPolicy train = SplitPolicy.forSplit("train");

    @Test
    void standardIsTheTrainPolicy() {
        assertThat(SplitPolicy.standard().split()).isEqualTo("train");
        assertThat(SplitPolicy.standard().isTrain()).isTrue();
    }

    @Test
    void holdsOutAboutFifteenPercentOfCompositionsAndKeepsEveryShapeAndColourInTrain() {
        long heldOut = Vocabulary.SHAPES.stream()
                .flatMap(s -> Vocabulary.COLOURS.stream().filter(c -> train.isHeldOutComposition(s, c)))
                .count();
        assertThat(heldOut).isEqualTo(train.heldOutCompositions().size());
        assertThat((double) heldOut / 36).isBetween(0.10, 0.20);
        for (String shape : Vocabulary.SHAPES) {
            assertThat(Vocabulary.COLOURS.stream().filter(c -> train.compositionAllowed(shape, c)).count())
                    .as(shape).isGreaterThanOrEqualTo(4);
        }
        for (String colour : Vocabulary.COLOURS) {
            assertThat(Vocabulary.SHAPES.stream().filter(s -> train.compositionAllowed(s, colour)).count())
                    .as(colour).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void trainExcludesHeldOutCompositionsAndOtherSplitsAllowThem() {
        assertThat(train.isHeldOutComposition("cone", "purple")).isTrue();
        assertThat(train.compositionAllowed("cone", "purple")).isFalse();
        assertThat(train.compositionAllowed("cone", "red")).isTrue();
        for (String split : new String[] {"val", "test", "demo"}) {
            SplitPolicy p = SplitPolicy.forSplit(split);
            assertThat(p.isHeldOutComposition("cone", "purple")).as(split).isTrue();
            assertThat(p.compositionAllowed("cone", "purple")).as(split).isTrue();
            assertThat(p.phrasingAllowed("to_the_right_of")).as(split).isTrue();
        }
    }

    @Test
    void detectionClassLabelsNameAHeldOutCompositionColourFirst() {
        assertThat(train.isHeldOutLabel("purple cone")).isTrue();
        assertThat(train.isHeldOutLabel(" Orange  cup ")).isTrue();
        assertThat(train.isHeldOutLabel("cone purple")).isFalse();
        assertThat(train.isHeldOutLabel("red cone")).isFalse();
        assertThat(train.isHeldOutLabel("cone")).isFalse();
        assertThat(train.isHeldOutLabel(null)).isFalse();
    }

    @Test
    void heldOutPhrasingsAreRealAndEveryRelationKeepsATrainPhrasing() {
        var ids = Stream.concat(Arrays.stream(RelationPhrasing.values()).map(RelationPhrasing::id),
                Arrays.stream(SuperlativePhrasing.values()).map(SuperlativePhrasing::id)).toList();
        assertThat(ids).doesNotHaveDuplicates().containsAll(train.heldOutPhrasings());
        for (Predicate r : Predicate.values()) {
            assertThat(RelationPhrasing.of(r)).as(r.name()).anyMatch(p -> train.phrasingAllowed(p.id()));
        }
        for (Extreme e : Extreme.values()) {
            assertThat(SuperlativePhrasing.of(e)).as(e.name()).anyMatch(p -> train.phrasingAllowed(p.id()));
        }
        assertThat(train.phrasingAllowed("to_the_right_of")).isFalse();
        assertThat(train.phrasingAllowed("right_of")).isTrue();
        assertThat(train.phrasingAllowed("at_the_back_of")).isFalse();
        assertThat(train.phrasingAllowed("behind")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRAIN", " Test ", "demo"})
    void splitNamesAreCaseInsensitive(String name) {
        assertThat(SplitPolicy.SPLITS).contains(SplitPolicy.forSplit(name).split());
    }

    @Test
    void unknownSplitIsRejectedWithTheValue() {
        assertThatThrownBy(() -> SplitPolicy.forSplit("training"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'training'").hasMessageContaining("train, val, test, demo");
        assertThatThrownBy(() -> SplitPolicy.forSplit(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
