package io.sightline.perception.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackerTest {
    private static final TrackerConfig CONFIG = new TrackerConfig(0.3, 3, 2, 0);

    private static Detection det(double x, double y, String shape, String colour) {
        return new Detection(new Box2D(x, y, x + 40, y + 40), shape, colour, 0.9);
    }

    @Test
    void confirmsAfterMinHitsAndAnnouncesOnce() {
        Tracker tracker = new Tracker(CONFIG);
        List<TrackedObject> first = tracker.update(0, List.of(det(100, 100, "cup", "red")));
        assertThat(first).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TrackState.TENTATIVE);
            assertThat(t.trackId()).isEqualTo(1);
        });
        assertThat(tracker.events()).isEmpty();
        tracker.update(1, List.of(det(102, 101, "cup", "red")));
        assertThat(tracker.events()).isEmpty();
        List<TrackedObject> third = tracker.update(2, List.of(det(104, 102, "cup", "red")));
        assertThat(third).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TrackState.CONFIRMED);
            assertThat(t.trackId()).isEqualTo(1);
            assertThat(t.hits()).isEqualTo(3);
            assertThat(t.age()).isEqualTo(2);
        });
        assertThat(tracker.events()).extracting(TrackEvent::kind).containsExactly(TrackEvent.Kind.NEW);
        tracker.update(3, List.of(det(105, 102, "cup", "red")));
        assertThat(tracker.events()).extracting(TrackEvent::kind).containsExactly(TrackEvent.Kind.UPDATE);
    }

    @Test
    void lostTrackKeepsItsIdThenEnds() {
        Tracker tracker = new Tracker(CONFIG);
        for (int i = 0; i < 3; i++) {
            tracker.update(i, List.of(det(100, 100, "cup", "red")));
        }
        List<TrackedObject> lost = tracker.update(3, List.of());
        assertThat(lost).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TrackState.LOST);
            assertThat(t.misses()).isEqualTo(1);
        });
        List<TrackedObject> back = tracker.update(4, List.of(det(101, 100, "cup", "red")));
        assertThat(back).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TrackState.CONFIRMED);
            assertThat(t.trackId()).isEqualTo(1);
            assertThat(t.misses()).isZero();
        });
        tracker.update(5, List.of());
        assertThat(tracker.events()).extracting(TrackEvent::kind).containsExactly(TrackEvent.Kind.UPDATE);
        tracker.update(6, List.of());
        assertThat(tracker.events()).as("still LOST: nothing changed").isEmpty();
        List<TrackedObject> gone = tracker.update(7, List.of());
        assertThat(gone).singleElement().satisfies(t -> {
            assertThat(t.trackId()).isEqualTo(1);
            assertThat(t.state()).isEqualTo(TrackState.ENDED);
            assertThat(t.confirmed()).isFalse();
        });
        assertThat(tracker.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TrackEvent.Kind.END);
            assertThat(e.track().trackId()).isEqualTo(1);
            assertThat(e.track().state()).isEqualTo(TrackState.ENDED);
            assertThat(e.seq()).isEqualTo(7);
        });
        assertThat(tracker.update(8, List.of())).as("ENDED is reported once").isEmpty();
        assertThat(tracker.events()).isEmpty();
    }

    @Test
    void aShortGapKeepsTheTrackConfirmedWithoutEventsAndALongOneMakesItLost() {
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 3, 3, 10, 0, 0, 0, 0, 0.05, 0));
        for (int i = 0; i < 3; i++) {
            tracker.update(i, List.of(det(100, 100, "cup", "red")));
        }
        assertThat(tracker.events()).extracting(TrackEvent::kind).containsExactly(TrackEvent.Kind.NEW);
        for (int i = 3; i < 5; i++) {
            assertThat(tracker.update(i, List.of())).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo(TrackState.CONFIRMED);
                assertThat(t.misses()).isPositive();
            });
            assertThat(tracker.events()).isEmpty();
        }
        assertThat(tracker.update(5, List.of())).singleElement().extracting(TrackedObject::state).isEqualTo(TrackState.LOST);
        assertThat(tracker.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TrackEvent.Kind.UPDATE);
            assertThat(e.track().state()).isEqualTo(TrackState.LOST);
        });
        tracker.update(6, List.of());
        assertThat(tracker.events()).isEmpty();
        tracker.update(7, List.of(det(100, 100, "cup", "red")));
        assertThat(tracker.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TrackEvent.Kind.UPDATE);
            assertThat(e.track().state()).isEqualTo(TrackState.CONFIRMED);
            assertThat(e.track().trackId()).isEqualTo(1);
        });
    }

    @Test
    void aStaticObjectGetsNewThenOnlyKeepAlivesAndAMoveGetsAnUpdate() {
        // positions from the box's left edge, 1 px = 5 mm: a jitter of +-1 cm, then a 6 cm move
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 3, 3, 10, 0.15, 0, 0, 0, 0.05, 30),
            d -> Optional.of(new Vec3(d.box().xMin() * 0.005, 0, 0)));
        long frameNanos = 100_000_000L; // 10 fps
        java.util.List<TrackEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            tracker.update(i, i * frameNanos, List.of(det(100 + (i % 5) - 2, 100, "cup", "red")));
            events.addAll(tracker.events());
        }
        // a minute: NEW when confirmed (third frame), one keep-alive 30 s later
        assertThat(events).extracting(TrackEvent::kind, TrackEvent::seq).containsExactly(
            org.assertj.core.groups.Tuple.tuple(TrackEvent.Kind.NEW, 2L),
            org.assertj.core.groups.Tuple.tuple(TrackEvent.Kind.UPDATE, 302L));
        tracker.update(600, 600 * frameNanos, List.of(det(112, 100, "cup", "red")));
        assertThat(tracker.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TrackEvent.Kind.UPDATE);
            assertThat(e.track().trackId()).isEqualTo(1);
            assertThat(e.track().position().orElseThrow().x()).isCloseTo(0.56, org.assertj.core.api.Assertions.within(1e-9));
        });
    }

    @Test
    void tentativeTrackDiesSilentlyOnAMiss() {
        Tracker tracker = new Tracker(CONFIG);
        tracker.update(0, List.of(det(100, 100, "cup", "red")));
        assertThat(tracker.update(1, List.of())).isEmpty();
        assertThat(tracker.events()).isEmpty();
        assertThat(tracker.update(2, List.of(det(100, 100, "cup", "red"))))
            .singleElement().extracting(TrackedObject::trackId).isEqualTo(2);
    }

    @Test
    void labelMustMatch() {
        Tracker tracker = new Tracker(CONFIG);
        tracker.update(0, List.of(det(100, 100, "cup", "red")));
        List<TrackedObject> next = tracker.update(1, List.of(det(100, 100, "cup", "blue")));
        assertThat(next).extracting(TrackedObject::trackId).containsExactly(2);
    }

    @Test
    void greedyKeepsTheBestOverlapWhenTwoTracksCompete() {
        Tracker tracker = new Tracker(new TrackerConfig(0.1, 1, 2, 0));
        tracker.update(0, List.of(det(100, 100, "bottle", "green"), det(130, 100, "bottle", "green")));
        // The detection at 128 overlaps track 2 (x=130) best; the one at 100 goes to track 1.
        List<TrackedObject> next = tracker.update(1, List.of(det(128, 100, "bottle", "green"), det(101, 100, "bottle", "green")));
        assertThat(next).extracting(t -> t.trackId() + "@" + (int) t.detection().box().xMin())
            .containsExactly("1@101", "2@128");
    }

    @Test
    void distanceGateRejectsFarPositionsEvenWhenBoxesOverlap() {
        // A locator that places a detection by its score, so two overlapping boxes can be far apart.
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 1, 0, 0.15),
            d -> Optional.of(new Vec3(d.score(), 0, 0)));
        tracker.update(0, List.of(new Detection(new Box2D(0, 0, 40, 40), "ball", "red", 0.2)));
        List<TrackedObject> next = tracker.update(1, List.of(new Detection(new Box2D(0, 0, 40, 40), "ball", "red", 0.9)))
            .stream().filter(t -> t.state() != TrackState.ENDED).toList();
        assertThat(next).extracting(TrackedObject::trackId).containsExactly(2);
        assertThat(next.get(0).position()).contains(new Vec3(0.9, 0, 0));
    }

    @Test
    void seqMustIncrease() {
        Tracker tracker = new Tracker(CONFIG);
        tracker.update(5, List.of());
        assertThatThrownBy(() -> tracker.update(5, List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 5 after 5");
    }

    @Test
    void configNamesTheBadValue() {
        assertThatThrownBy(() -> new TrackerConfig(0, 3, 10, 0)).hasMessageContaining("iouThreshold").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new TrackerConfig(0.3, 0, 10, 0)).hasMessageContaining("minHits");
    }

    @Test
    void theCentreGateKeepsASmallFastObjectWhoseBoxesStopOverlapping() {
        // a 20 x 50 px pedestrian walking 12 px a frame: IoU of consecutive boxes 0.25, under the 0.3 threshold
        java.util.function.IntFunction<List<Detection>> walker = i -> List.of(new Detection(
            new Box2D(100 + 12 * i, 100, 120 + 12 * i, 150), "person", "", 0.8));
        Tracker byIou = new Tracker(CONFIG);
        Tracker withCentre = new Tracker(new TrackerConfig(0.3, 3, 2, 0, 0.5));
        for (int i = 0; i < 6; i++) {
            byIou.update(i, walker.apply(i));
            withCentre.update(i, walker.apply(i));
        }
        assertThat(byIou.update(6, walker.apply(6))).singleElement().extracting(TrackedObject::trackId).isEqualTo(7);
        assertThat(withCentre.update(6, walker.apply(6))).singleElement().satisfies(t -> {
            assertThat(t.trackId()).isEqualTo(1);
            assertThat(t.state()).isEqualTo(TrackState.CONFIRMED);
        });
        // a box of another height at that distance is someone else
        assertThat(withCentre.update(7, List.of(new Detection(new Box2D(184, 100, 204, 190), "person", "", 0.8))))
            .extracting(TrackedObject::trackId, TrackedObject::state)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, TrackState.LOST),
                org.assertj.core.groups.Tuple.tuple(2, TrackState.TENTATIVE));
    }

    @Test
    void onlyADetectionTheBirthMarginOverTheScoreThresholdStartsATrackButAWeakerOneContinuesIt() {
        // the detector's threshold 0.3, birth margin 0.2: a new track needs 0.5
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 1, 1, 10, 0, 0, 0.2, 0, 0, 0), d -> Optional.empty(), 0.3);
        Detection weak = new Detection(new Box2D(100, 100, 140, 140), "cup", "red", 0.3);
        assertThat(tracker.update(0, List.of(weak))).isEmpty();
        assertThat(tracker.update(1, List.of(new Detection(new Box2D(100, 100, 140, 140), "cup", "red", 0.6))))
            .singleElement().extracting(TrackedObject::trackId).isEqualTo(1);
        assertThat(tracker.update(2, List.of(new Detection(new Box2D(102, 100, 142, 140), "cup", "red", 0.3))))
            .singleElement().satisfies(t -> {
                assertThat(t.trackId()).isEqualTo(1);
                assertThat(t.misses()).isZero();
            });
    }

    @Test
    void theVelocityPredictionKeepsAnObjectWhoseBoxesStopOverlappingAfterAGap() {
        // a 40 px box moving 15 px a frame, missed for two frames: the last box and the detection then overlap by
        // IoU 0.05, the box moved by the velocity by 0.6
        java.util.function.IntFunction<List<Detection>> mover = i -> List.of(det(100 + 15 * i, 100, "ball", "red"));
        Tracker still = new Tracker(new TrackerConfig(0.3, 3, 3, 10, 0, 0, 0, 0, 0, 0));
        Tracker moving = new Tracker(new TrackerConfig(0.3, 3, 3, 10, 0, 0, 0, 0.5, 0, 0));
        for (int i = 0; i < 5; i++) {
            still.update(i, mover.apply(i));
            moving.update(i, mover.apply(i));
        }
        for (int i = 5; i < 7; i++) {
            still.update(i, List.of());
            moving.update(i, List.of());
        }
        assertThat(moving.update(7, mover.apply(7))).singleElement().satisfies(t -> {
            assertThat(t.trackId()).isEqualTo(1);
            assertThat(t.state()).isEqualTo(TrackState.CONFIRMED);
        });
        assertThat(still.update(7, mover.apply(7))).extracting(TrackedObject::trackId).containsExactly(1, 2);
    }
}
