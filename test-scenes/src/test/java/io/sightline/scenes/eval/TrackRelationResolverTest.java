package io.sightline.scenes.eval;

import static io.sightline.scenes.eval.EvalFixtures.frame;
import static io.sightline.scenes.eval.EvalFixtures.object;
import static io.sightline.scenes.eval.EvalFixtures.predicted;
import static io.sightline.scenes.eval.EvalFixtures.prediction;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.Box2D;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackRelationResolverTest {
    private static final Box2D CUP = new Box2D(0, 0, 10, 10);
    private static final Box2D CUBE = new Box2D(20, 0, 30, 10);

    @Test
    void tracksBecomeTheObjectsTheirDetectionsMatched() {
        GroundTruthFrame truth = new GroundTruthFrame("s", frame(0, List.of(
            object(1, "red", "cup", CUP, 0.5, 0.3), object(2, "blue", "cube", CUBE, 0.5, 0.0)), List.of()));
        // Track 7 is the cup, track 8 the cube; track 9 is a detection on empty table (matches nothing).
        FramePrediction p = prediction("s", 0, List.of(predicted("red", "cup", 0.9, CUP, null, 7),
            predicted("blue", "cube", 0.8, CUBE, null, 8), predicted("red", "cup", 0.7, new Box2D(50, 50, 60, 60), null, 9)),
            Map.of());
        TrackRelationResolver resolver = new TrackRelationResolver();
        List<RelationPrediction> out = resolver.resolve(List.of(truth), List.of(p), List.of(
            new TrackRelation("s", 0, 7, Predicate.LEFT_OF, 8),
            new TrackRelation("s", 0, 9, Predicate.NEAR, 8),
            new TrackRelation("s", 1, 7, Predicate.LEFT_OF, 8)), LabelMode.COLOUR_AND_SHAPE);
        assertThat(out).containsExactly(new RelationPrediction("s", 0, 1, Predicate.LEFT_OF, 2));
        // Track 9 matched nothing; frame 1 has no truth at all.
        assertThat(resolver.unresolved()).isEqualTo(2);
    }
}
