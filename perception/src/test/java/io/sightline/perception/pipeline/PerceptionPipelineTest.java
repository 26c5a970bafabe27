package io.sightline.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.geometry.ObjectSize;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PerceptionPipelineTest {
    private static Detection det(double x, String shape, double score) {
        return new Detection(new Box2D(x, 10, x + 20, 40), shape, "red", score);
    }

    @Test
    void objectsCarryTheTrackMatchedThisFrameSortedByScore() {
        Detection low = det(0, "cup", 0.3);
        Detection high = det(50, "cube", 0.9);
        Detection orphan = det(100, "ball", 0.5);
        // An equal-valued detection from an earlier frame must not be mistaken for this frame's (identity, not equals).
        Detection lostCopy = det(100, "ball", 0.5);
        List<TrackedObject> tracks = List.of(
            new TrackedObject(4, TrackState.CONFIRMED, low, Optional.of(new Vec3(0.5, 0.1, 0)), 5, 0, 6),
            new TrackedObject(7, TrackState.TENTATIVE, high, Optional.empty(), 1, 0, 0),
            new TrackedObject(2, TrackState.LOST, lostCopy, Optional.empty(), 3, 1, 9));
        List<ObjectResult> objects = PerceptionPipeline.objects(List.of(low, high, orphan), tracks,
            b -> Optional.of(new ObjectSize(b.width() / 100, b.height() / 100)));
        assertThat(objects).extracting(o -> o.detection().shape()).containsExactly("cube", "ball", "cup");
        assertThat(objects.get(0).trackId()).hasValue(7);
        assertThat(objects.get(0).trackState()).contains(TrackState.TENTATIVE);
        assertThat(objects.get(1).trackId()).isEmpty();
        assertThat(objects.get(2).trackId()).hasValue(4);
        assertThat(objects.get(2).position()).contains(new Vec3(0.5, 0.1, 0));
        // sized where located: the tentative track has no position, so no size either
        assertThat(objects.get(2).size()).contains(new ObjectSize(0.2, 0.3));
        assertThat(objects.get(0).size()).isEmpty();
    }

    @Test
    void relationsSpeakOnlyOfConfirmedTracksSeenThisFrame() {
        TrackedObject seen = new TrackedObject(1, TrackState.CONFIRMED, det(0, "cup", 0.9), Optional.empty(), 3, 0, 3);
        TrackedObject tentative = new TrackedObject(2, TrackState.TENTATIVE, det(30, "cup", 0.9), Optional.empty(), 1, 0, 0);
        TrackedObject lost = new TrackedObject(3, TrackState.LOST, det(60, "cup", 0.9), Optional.empty(), 3, 2, 5);
        assertThat(RelationStage.inView(List.of(seen, tentative, lost))).containsExactly(seen);
        assertThat(Grounder.visible(List.of(seen, tentative, lost))).containsExactly(seen, tentative);
    }
}
