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
        assertThat(rel).extracting(SpatialRelation::compact).containsExactly("LEFT_OF(1, 2)");
        SpatialRelation left = rel.get(0);
        assertThat(left.text()).isEqualTo("red cup left of blue cube, 0.31 m");
        assertThat(left.frame()).isEqualTo("base_link");
        assertThat(left.distanceM()).isCloseTo(0.31, within(1e-9));
        assertThat(left.offsetM()).isCloseTo(0.31, within(1e-9));
    }

    @Test
    void frontAndBehindFollowRangeAlongX() {
        assertThat(compact(List.of(at(1, "green", "ball", 0.9, 0), at(2, "red", "cup", 0.6, 0))))
            .containsExactly("BEHIND(1, 2)");
        // the lower id is the subject whichever way round the objects stand
        assertThat(compact(List.of(at(2, "green", "ball", 0.9, 0), at(1, "red", "cup", 0.6, 0))))
            .containsExactly("IN_FRONT_OF(1, 2)");
    }

    @Test
    void nothingIsAssertedInsideTheDirectionBand() {
        // 5 cm is the margin itself: not above it, so neither direction; 5.1 cm is.
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0.05), at(2, "blue", "cube", 0.5, 0.0))))
            .containsExactly("NEAR(1, 2)");
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0.051), at(2, "blue", "cube", 0.5, 0.0))))
            .contains("LEFT_OF(1, 2)");
    }

    @Test
    void nearIsStrictlyUnderTheThreshold() {
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0), at(2, "blue", "cube", 0.5, 0.149))))
            .contains("NEAR(1, 2)");
        assertThat(compact(List.of(at(1, "red", "cup", 0.5, 0), at(2, "blue", "cube", 0.5, 0.15))))
            .doesNotContain("NEAR(1, 2)");
    }

    @Test
    void diagonalPairsGetBothAxes() {
        assertThat(compact(List.of(at(1, "red", "cup", 0.8, 0.3), at(2, "blue", "cube", 0.5, 0))))
            .containsExactly("LEFT_OF(1, 2)", "BEHIND(1, 2)");
    }

    @Test
    void eachRelationImpliesItsInverse() {
        for (Predicate p : Predicate.values()) {
            assertThat(p.inverse().inverse()).isEqualTo(p);
        }
        Vec3 a = new Vec3(0.8, 0.3, 0);
        Vec3 b = new Vec3(0.5, 0.0, 0);
        for (Predicate p : Predicate.values()) {
            assertThat(extractor.holds(p.inverse(), b, a)).as("%s", p).isEqualTo(extractor.holds(p, a, b));
        }
        SpatialRelation left = extractor.extract(List.of(at(1, "red", "cup", 0.5, 0.31), at(2, "blue", "cube", 0.5, 0.0))).get(0);
        assertThat(left.states(2, Predicate.RIGHT_OF, 1)).isTrue();
        assertThat(left.states(1, Predicate.LEFT_OF, 2)).isTrue();
        assertThat(left.states(2, Predicate.LEFT_OF, 1)).isFalse();
    }

    @Test
    void onlyTheNearestNeighboursOfEachObjectAreRelated() {
        // A row along y, gaps 10, 15, 20, 25 cm: with 1 neighbour each object is related to its nearest only.
        List<TrackedObject> row = List.of(at(1, "red", "cup", 0.5, 0.0), at(2, "red", "cube", 0.5, 0.1),
            at(3, "red", "ball", 0.5, 0.25), at(4, "red", "can", 0.5, 0.45), at(5, "red", "cone", 0.5, 0.7));
        RelationExtractor one = new RelationExtractor(RelationConfig.groundTruthMargins(), 1);
        assertThat(one.extract(row)).extracting(r -> r.subjectId() + "-" + r.objectId()).containsOnly("1-2", "2-3", "3-4", "4-5");
        // 2 neighbours: 1's second nearest is 3, 5's is 3; 2 and 4 are nobody's two nearest of each other.
        RelationExtractor two = new RelationExtractor(RelationConfig.groundTruthMargins(), 2);
        assertThat(two.extract(row)).extracting(r -> r.subjectId() + "-" + r.objectId())
            .containsOnly("1-2", "1-3", "2-3", "3-4", "3-5", "4-5");
        // every pair when there are fewer others than neighbours
        assertThat(new RelationExtractor(RelationConfig.groundTruthMargins(), 4).extract(row))
            .extracting(r -> r.subjectId() + "-" + r.objectId()).contains("1-5");
        // one relation per pair and axis, the lower id as subject
        assertThat(extractor.extract(row)).extracting(SpatialRelation::compact).doesNotHaveDuplicates();
        assertThat(extractor.extract(row)).allSatisfy(r -> assertThat(r.subjectId()).isLessThan(r.objectId()));
        assertThatThrownBy(() -> new RelationExtractor(RelationConfig.groundTruthMargins(), 0))
            .hasMessageContaining("relations.neighbours");
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
