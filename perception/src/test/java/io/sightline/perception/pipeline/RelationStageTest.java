package io.sightline.perception.pipeline;

import static io.sightline.perception.relations.RelationFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.relations.SceneDescriber;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationStageTest {
    private final RelationStage stage = new RelationStage(new RelationExtractor(RelationConfig.groundTruthMargins()));

    private static TrackedObject with(TrackedObject t, TrackState state, int misses) {
        return new TrackedObject(t.trackId(), state, t.detection(), t.position(), t.hits(), misses, t.age());
    }

    @Test
    void speaksOnlyOfConfirmedTracksInView() {
        TrackedObject cup = at(1, "red", "cup", 0.5, 0.3);
        TrackedObject cube = at(2, "blue", "cube", 0.5, 0.0);
        TrackedObject phantom = with(at(3, "orange", "cube", 0.5, 0.1), TrackState.TENTATIVE, 0);
        TrackedObject gone = with(at(4, "green", "ball", 0.9, 0.0), TrackState.LOST, 2);
        SceneRelations.Output out = stage.describe(List.of(cup, cube, phantom, gone));
        assertThat(out.relations()).extracting(r -> r.compact()).containsExactly("LEFT_OF(1, 2)");
        assertThat(out.description()).isEqualTo("a red cup; a blue cube right of the red cup.");
    }

    @Test
    void saysWhyThereIsNothingToDescribe() {
        TrackedObject tentative = with(at(3, "orange", "cube", 0.5, 0.1), TrackState.TENTATIVE, 0);
        TrackedObject lost = with(at(1, "red", "cup", 0.5, 0.3), TrackState.LOST, 1);
        assertThat(stage.describe(List.of(tentative, lost)).description()).isEqualTo(SceneDescriber.NOTHING_CONFIRMED);
        assertThat(stage.describe(List.of(lost)).description()).isEqualTo(SceneDescriber.NOTHING_IN_VIEW);
        assertThat(stage.describe(List.of()).description()).isEqualTo(SceneDescriber.NOTHING_IN_VIEW);
        assertThat(stage.describe(List.of(tentative)).relations()).isEmpty();
    }
}
