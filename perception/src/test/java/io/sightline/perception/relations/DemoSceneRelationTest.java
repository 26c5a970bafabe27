package io.sightline.perception.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.geometry.GroundProjector;
import io.sightline.perception.geometry.GroundProjectorConfig;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.tracking.DemoScenes;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Relations from ground-projected ground-truth boxes against relations from the annotated positions, on the demo
 * scenes (fully visible, untruncated objects): how much of the relation truth survives the projection error.
 */
class DemoSceneRelationTest {
    /** Every pair (no neighbour limit), so that truth and estimate decide the same pairs. */
    private final RelationExtractor extractor = new RelationExtractor(RelationConfig.groundTruthMargins(), Integer.MAX_VALUE);

    private static TrackedObject track(ObjectAnnotation o, Optional<Vec3> position) {
        return new TrackedObject(o.id(), TrackState.CONFIRMED, new Detection(o.box(), o.shape(), o.colour(), 1.0),
            position, 1, 0, 0);
    }

    @Test
    void projectedPositionsReproduceTheClearRelations() {
        int clearTruths = 0;
        int clearFound = 0;
        int asserted = 0;
        int assertedTrue = 0;
        int contradicted = 0;
        for (Path dir : DemoScenes.dirs()) {
            Scene scene = DemoScenes.open(dir);
            GroundProjector projector = new GroundProjector(scene.info().camera(), GroundProjectorConfig.tabletop());
            for (FrameAnnotation f : DemoScenes.frames(scene)) {
                List<ObjectAnnotation> visible = f.objects().stream().filter(o -> o.visibility() >= 1 && !o.truncated()).toList();
                List<SpatialRelation> truth = extractor.extract(visible.stream().map(o -> track(o, Optional.of(o.position()))).toList());
                List<SpatialRelation> estimated = extractor.extract(
                    visible.stream().map(o -> track(o, projector.position(o.box(), o.shape()))).toList());
                Set<String> truthSet = new HashSet<>(truth.stream().map(SpatialRelation::compact).toList());
                Set<String> estimatedSet = new HashSet<>(estimated.stream().map(SpatialRelation::compact).toList());
                for (SpatialRelation r : truth) {
                    if (extractor.isClear(r)) {
                        clearTruths++;
                        clearFound += estimatedSet.contains(r.compact()) ? 1 : 0;
                    }
                }
                for (SpatialRelation r : estimated) {
                    asserted++;
                    assertedTrue += truthSet.contains(r.compact()) ? 1 : 0;
                    contradicted += truthSet.contains(opposite(r)) ? 1 : 0;
                }
            }
        }
        double recall = clearFound / (double) clearTruths;
        double precision = assertedTrue / (double) asserted;
        System.out.printf("[relations] clear true relations recovered %.4f (%d/%d); asserted relations true %.4f (%d/%d);"
            + " contradictions %d%n", recall, clearFound, clearTruths, precision, assertedTrue, asserted, contradicted);
        assertThat(clearTruths).isGreaterThan(1000);
        assertThat(recall).isGreaterThan(0.99);
        assertThat(precision).isGreaterThan(0.95);
        assertThat(contradicted).isZero();
    }

    /** The relation that says the opposite: LEFT_OF(a, b) against RIGHT_OF(a, b). */
    private static String opposite(SpatialRelation r) {
        Predicate p = r.predicate().inverse();
        return p == Predicate.NEAR ? "none" : p + "(" + r.subjectId() + ", " + r.objectId() + ")";
    }

    /**
     * Relations per frame on the demo scenes' visible objects: every ordered pair (each relation and its inverse, as
     * before relations.neighbours) against one per unordered pair and axis among the 3 nearest neighbours.
     */
    @Test
    void neighboursBoundTheRelationsPerFrame() {
        RelationExtractor nearest = new RelationExtractor(RelationConfig.groundTruthMargins());
        List<Integer> everyOrderedPair = new java.util.ArrayList<>();
        List<Integer> neighbours = new java.util.ArrayList<>();
        int maxObjects = 0;
        for (Path dir : DemoScenes.dirs()) {
            for (FrameAnnotation f : DemoScenes.frames(DemoScenes.open(dir))) {
                List<TrackedObject> tracks = f.objects().stream().filter(o -> o.visibility() > 0)
                    .map(o -> track(o, Optional.of(o.position()))).toList();
                maxObjects = Math.max(maxObjects, tracks.size());
                everyOrderedPair.add(2 * extractor.extract(tracks).size());
                List<SpatialRelation> kept = nearest.extract(tracks);
                neighbours.add(kept.size());
                // at most n x k pairs, three axes each; never both a relation and its inverse
                assertThat(kept.size()).isLessThanOrEqualTo(3 * tracks.size() * nearest.neighbours());
                assertThat(kept).allSatisfy(r -> assertThat(r.subjectId()).isLessThan(r.objectId()));
            }
        }
        java.util.Collections.sort(everyOrderedPair);
        java.util.Collections.sort(neighbours);
        System.out.printf("[relations] per frame on %d demo frames (up to %d objects): every ordered pair median %d max %d;"
            + " one per pair and axis, 3 neighbours: median %d max %d%n", neighbours.size(), maxObjects,
            everyOrderedPair.get(everyOrderedPair.size() / 2), everyOrderedPair.get(everyOrderedPair.size() - 1),
            neighbours.get(neighbours.size() / 2), neighbours.get(neighbours.size() - 1));
        assertThat(neighbours.get(neighbours.size() - 1)).isLessThan(everyOrderedPair.get(everyOrderedPair.size() - 1));
    }
}
