package io.sightline.perception.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdSwitchCounterTest {
    private static ObjectAnnotation truth(int id, Box2D box) {
        return new ObjectAnnotation(id, "cup", "red", box, new Vec3(0.5, 0, 0), 0, new Vec3(0.1, 0.1, 0.1), 1, false);
    }

    private static TrackedObject track(int id, Box2D box) {
        return new TrackedObject(id, TrackState.CONFIRMED, new Detection(box, "cup", "red", 0.9), Optional.empty(), 3, 0, 3);
    }

    @Test
    void aSwitchIsAnObjectMatchedToAnotherTrackThanAtItsPreviousMatch() {
        IdSwitchCounter counter = new IdSwitchCounter();
        counter.match(1, 5);
        counter.match(2, 6);
        counter.match(1, 5);
        counter.match(1, 9);
        counter.match(1, 9);
        counter.match(2, 5);
        assertThat(counter.switches()).isEqualTo(2);
        assertThat(counter.matches()).isEqualTo(6);
        assertThat(counter.truths()).isZero();
    }

    @Test
    void aFrameMatchesObjectsToTracksByIouAndAnUnmatchedFrameKeepsTheLastTrack() {
        Box2D a = new Box2D(0, 0, 10, 10);
        Box2D b = new Box2D(50, 0, 60, 10);
        Box2D overlapsALittle = new Box2D(6, 0, 16, 10);
        IdSwitchCounter counter = new IdSwitchCounter();
        counter.add(List.of(truth(1, a), truth(2, b)), List.of(track(7, b), track(3, a)));
        counter.add(List.of(truth(1, a)), List.of(track(4, overlapsALittle)));
        counter.add(List.of(truth(1, a), truth(2, b)), List.of(track(3, a), track(8, b)));
        assertThat(counter.truths()).isEqualTo(5);
        assertThat(counter.matches()).isEqualTo(4);
        assertThat(counter.switches()).isEqualTo(1);
    }
}
