package io.sightline.scenes.expressions;

import static io.sightline.scenes.expressions.Tabletop.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.ObjectAnnotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpatialPredicatesTest {
    private static final ObjectAnnotation ANCHOR = at(1, "blue", "cube", 0.6, 0.0);

    /** The cup's offset to the left (+y) of the anchor: definition and three-valued reading. */
    @ParameterizedTest
    @CsvSource({
        "-0.20, false, FALSE",
        "0.00,  false, FALSE",
        "0.01,  false, BORDERLINE",
        "0.04,  false, BORDERLINE",
        "0.06,  true,  BORDERLINE",
        "0.09,  true,  BORDERLINE",
        "0.11,  true,  TRUE",
        "0.30,  true,  TRUE",
    })
    void leftOfHasAMarginAndAnAmbiguityBand(double dy, boolean holds, Truth truth) {
        ObjectAnnotation cup = at(2, "red", "cup", 0.6, dy);
        assertThat(SpatialPredicates.holds(Predicate.LEFT_OF, cup, ANCHOR)).isEqualTo(holds);
        assertThat(SpatialPredicates.truth(Predicate.LEFT_OF, cup, ANCHOR)).isEqualTo(truth);
        // Mirror: the anchor is right of the cup by the same offset.
        assertThat(SpatialPredicates.truth(Predicate.RIGHT_OF, ANCHOR, cup)).isEqualTo(truth);
    }

    /** The cup's offset away from the robot (+x) relative to the anchor. */
    @ParameterizedTest
    @CsvSource({
        "0.12,  BEHIND,      TRUE",
        "0.12,  IN_FRONT_OF, FALSE",
        "0.04,  BEHIND,      BORDERLINE",
        "-0.04, IN_FRONT_OF, BORDERLINE",
        "-0.12, IN_FRONT_OF, TRUE",
        "-0.12, BEHIND,      FALSE",
    })
    void frontAndBehindAreAlongTheRobotsForwardAxis(double dx, Predicate relation, Truth truth) {
        ObjectAnnotation cup = at(2, "red", "cup", 0.6 + dx, 0.3);
        assertThat(SpatialPredicates.truth(relation, cup, ANCHOR)).isEqualTo(truth);
    }

    @ParameterizedTest
    @CsvSource({
        "0.10, true,  TRUE",
        "0.149, true, TRUE",
        "0.151, false, BORDERLINE",
        "0.24, false, BORDERLINE",
        "0.26, false, FALSE",
    })
    void nearIsUnderFifteenCentimetresAndClearlyNotBeyondTwentyFive(double d, boolean holds, Truth truth) {
        // Along a diagonal so that both axes count.
        ObjectAnnotation cup = at(2, "red", "cup", 0.6 + d * 0.6, d * 0.8);
        assertThat(SpatialPredicates.holds(Predicate.NEAR, cup, ANCHOR)).isEqualTo(holds);
        assertThat(SpatialPredicates.truth(Predicate.NEAR, cup, ANCHOR)).isEqualTo(truth);
    }

    @Test
    void extremesScoreLargerForMoreExtremeObjects() {
        ObjectAnnotation nearLeft = at(1, "red", "can", 0.4, 0.3);
        ObjectAnnotation farRight = at(2, "red", "can", 1.0, -0.3);
        assertThat(SpatialPredicates.extremeScore(Extreme.NEAREST, nearLeft))
                .isGreaterThan(SpatialPredicates.extremeScore(Extreme.NEAREST, farRight));
        assertThat(SpatialPredicates.extremeScore(Extreme.FARTHEST, farRight))
                .isGreaterThan(SpatialPredicates.extremeScore(Extreme.FARTHEST, nearLeft));
        assertThat(SpatialPredicates.extremeScore(Extreme.LEFTMOST, nearLeft))
                .isGreaterThan(SpatialPredicates.extremeScore(Extreme.LEFTMOST, farRight));
        assertThat(SpatialPredicates.extremeScore(Extreme.RIGHTMOST, farRight))
                .isGreaterThan(SpatialPredicates.extremeScore(Extreme.RIGHTMOST, nearLeft));
        assertThat(SpatialPredicates.range(nearLeft)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void visibilityMustBeAboveOneHalf() {
        assertThat(SpatialPredicates.referable(at(1, "red", "can", 0.5, 0, 0.51))).isTrue();
        assertThat(SpatialPredicates.referable(at(1, "red", "can", 0.5, 0, 0.5))).isFalse();
    }

    @Test
    void nearHasNoDirection() {
        assertThatThrownBy(() -> SpatialPredicates.directionOffset(Predicate.NEAR, ANCHOR, ANCHOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEAR");
    }
}
