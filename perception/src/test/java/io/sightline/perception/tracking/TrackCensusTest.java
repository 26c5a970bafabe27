package io.sightline.perception.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackCensusTest {
    @Test
    void countsIdsEventsAndConfirmedTracksThatNeverMatchTheTruth() {
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 2, 2, 0));
        TrackCensus census = new TrackCensus();
        Box2D real = new Box2D(100, 100, 140, 140);
        for (int i = 0; i < 6; i++) {
            Detection cup = new Detection(real, "cup", "red", 0.9);
            Detection ghost = new Detection(new Box2D(300, 300, 340, 340), "ball", "blue", 0.9);
            List<Detection> frame = i < 3 ? List.of(cup, ghost) : List.of(cup);
            census.add(tracker.update(i, frame), tracker.events(), Optional.of(List.of(real)));
        }
        TrackCensus.Figures f = census.figures(30);
        assertThat(f.frames()).isEqualTo(6);
        assertThat(f.idsCreated()).isEqualTo(2);
        assertThat(f.confirmedIds()).isEqualTo(2);
        assertThat(f.events(TrackEvent.Kind.NEW)).isEqualTo(2);
        assertThat(f.events(TrackEvent.Kind.END)).isEqualTo(1);
        assertThat(f.phantomsPerMinute()).hasValue(2.0); // the ball, once in 30 s
        assertThat(f.eventsPerMinute()).isEqualTo(2.0 * (2 + 1 + f.events(TrackEvent.Kind.UPDATE)));
    }

    @Test
    void withoutTruthThereIsNoPhantomFigure() {
        TrackCensus census = new TrackCensus();
        census.add(List.of(), List.of(), Optional.empty());
        assertThat(census.figures(1).phantomsPerMinute()).isEmpty();
    }
}
