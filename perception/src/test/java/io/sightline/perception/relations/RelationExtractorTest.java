package io.sightline.perception.relations;

import static io.sightline.perception.relations.RelationFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelationExtractorTest {
    private final RelationExtractor extractor = new RelationExtractor(RelationConfig.groundTruthMargins());

    private List<String> compact(List<TrackedObject> objects) {
        return extractor.extract(objects).stream().map(SpatialRelation::compact).toList();
    }

    @Test
    void leftAndRightFollowBaseLinkY() {
        // y points left: the cup at y = +0.31 is left of the cube at y = 0.
        List<SpatialRelation> rel = extractor.extract(List.of(at(1, "red", "cup", 0.5, 0.31), at(2, "blue", "cube", 0.5, 0.0)));
        assertThat(rel).extracting(SpatialRelation::compact).containsExactly("LEFT_OF(1, 2)", "RIGHT_OF(2, 1)");
        SpatialRelation left = rel.get(0);
        assertThat(left.text()).isEqualTo("red cup left of blue cube, 0.31 m");
        assertThat(left.frame()).isEqualTo("base_link");
        assertThat(left.distanceM()).isCloseTo(0.31, within(1e-9));
        assertThat(left.offsetM()).isCloseTo(0.31, within(1e-9));
    }

    @Test
    void frontAndBehindFollowRangeAlongX() {
        assertThat(compact(List.of(at(1, "green", "ball", 0.9, 0), at(2, "red", "cup", 0.6, 0))))
            .containsExactly("BEHIND(1, 2)", "IN_FRONT_OF(2, 1)");
    }

    @Test
    void nothingIsAssertedInsideTheDirectionBand() {
        // 5 cm is the margin itself: not above it, so neither direction; 5.1 cm is.
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0.05), at(2, "blue", "cube", 0.5, 0.0))))
            .containsExactly("NEAR(1, 2)", "NEAR(2, 1)");
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0.051), at(2, "blue", "cube", 0.5, 0.0))))
            .contains("LEFT_OF(1, 2)", "RIGHT_OF(2, 1)");
    }

    @Test
    void nearIsStrictlyUnderTheThreshold() {
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0), at(2, "blue", "cube", 0.5, 0.149))))
            .contains("NEAR(1, 2)", "NEAR(2, 1)");
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0), at(2, "blue", "cube", 0.5, 0.15))))
            .doesNotContain("NEAR(1, 2)", "NEAR(2, 1)");
    }

    @Test
    void diagonalPairsGetBothAxes() {
        assertThat(compact(List.of(at(1, "red", "cup", 0.8, 0.3), at(2, "blue", "cube", 0.5, 0))))
            .containsExactly("LEFT_OF(1, 2)", "BEHIND(1, 2)", "RIGHT_OF(2, 1)", "IN_FRONT_OF(2, 1)");
    }

    @Test
    void objectsWithoutPositionTakePartInNothing() {
        TrackedObject unplaced = new TrackedObject(3, TrackState.CONFIRMED,
            new Detection(new Box2D(0, 0, 1, 1), "can", "blue", 0.5), Optional.empty(), 3, 0, 3);
        assertThat(compact(List.of(unplaced, at(1, "red", "cup", 0.5, 0.3)))).isEmpty();
    }

    @Test
    void theClearestRelationIsNearElseTheLargestDirectionAboveTheClearMargin() {
        Vec3 cube = new Vec3(0.5, 0, 0);
        // 8 cm left and 18 cm behind: LEFT_OF holds (beyond 5 cm) but is not clear (10 cm), BEHIND is.
        assertThat(extractor.holds(Predicate.LEFT_OF, new Vec3(0.68, 0.08, 0), cube)).isTrue();
        assertThat(extractor.clearest(new Vec3(0.68, 0.08, 0), cube)).contains(Predicate.BEHIND);
        assertThat(extractor.clearest(new Vec3(0.5, 0.2, 0), cube)).contains(Predicate.LEFT_OF);
        // With these margins two offsets inside the clear band are always near; with a tighter near, nothing is said.
        RelationExtractor tightNear = new RelationExtractor(new RelationConfig(0.05, 0.10, 0.12, 0.25));
        assertThat(tightNear.clearest(new Vec3(0.59, 0.09, 0), cube)).isEmpty();
        // 14 cm apart: near wins over the clear direction.
        assertThat(extractor.clearest(new Vec3(0.5, -0.14, 0), cube)).contains(Predicate.NEAR);
        // 30 cm behind and 18 cm right: the larger offset is said.
        assertThat(extractor.clearest(new Vec3(0.8, -0.18, 0), cube)).contains(Predicate.BEHIND);
        assertThat(extractor.clearest(new Vec3(0.32, -0.3, 0), cube)).contains(Predicate.RIGHT_OF);
    }

    @Test
    void configRejectsInconsistentMargins() {
        assertThatThrownBy(() -> new RelationConfig(0.05, 0.01, 0.15, 0.25)).hasMessageContaining("directionClear");
        assertThatThrownBy(() -> new RelationConfig(0.05, 0.10, 0.15, 0.10)).hasMessageContaining("notNearThreshold");
    }
}
