package io.sightline.perception.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.geometry.GroundProjector;
import io.sightline.perception.geometry.GroundProjectorConfig;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.Scene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tracker on the committed demo sequences, fed the ground-truth boxes as detections: clean, and with
 * box noise and dropped detections. Prints the id-switch counts (the figures for the closing note).
 */
class DemoSceneTrackingTest {
    /** Result of one sequence. */
    private record Run(String scene, int switches, int matches, int truths, int maxConfirmedId) {}

    private static Run track(Path dir, double noisePx, double dropRate, long seed) {
        Scene scene = DemoScenes.open(dir);
        Random rng = new Random(seed);
        // Positions from the scene's own camera, so the base_link distance gate is exercised too.
        GroundProjector projector = new GroundProjector(scene.info().camera(), GroundProjectorConfig.tabletop());
        Tracker tracker = new Tracker(TrackerConfig.defaults(), projector::position);
        IdSwitchCounter counter = new IdSwitchCounter();
        int maxId = 0;
        for (FrameAnnotation f : DemoScenes.frames(scene)) {
            List<Detection> detections = new ArrayList<>();
            for (ObjectAnnotation o : f.objects()) {
                if (rng.nextDouble() < dropRate) {
                    continue;
                }
                detections.add(new Detection(jitter(o.box(), noisePx, rng), o.shape(), o.colour(), 0.9));
            }
            List<TrackedObject> reported = tracker.update(f.index(), detections).stream()
                .filter(t -> t.state() == TrackState.CONFIRMED).toList();
            for (TrackedObject t : reported) {
                maxId = Math.max(maxId, t.trackId());
            }
            counter.add(f.objects(), reported);
        }
        return new Run(dir.getFileName().toString(), counter.switches(), counter.matches(), counter.truths(), maxId);
    }

    private static Box2D jitter(Box2D b, double sigma, Random rng) {
        if (sigma == 0) {
            return b;
        }
        double x0 = b.xMin() + sigma * rng.nextGaussian();
        double y0 = b.yMin() + sigma * rng.nextGaussian();
        double x1 = Math.max(x0 + 1, b.xMax() + sigma * rng.nextGaussian());
        double y1 = Math.max(y0 + 1, b.yMax() + sigma * rng.nextGaussian());
        return new Box2D(x0, y0, x1, y1);
    }

    @Test
    void cleanGroundTruthBoxesKeepEveryId() {
        for (Path dir : DemoScenes.dirs()) {
            Run run = track(dir, 0, 0, 1);
            System.out.println("[tracking] clean " + run);
            assertThat(run.switches()).as(run.scene()).isZero();
            // Each ground-truth object is matched in all but its first minHits-1 frames.
            assertThat(run.matches()).as(run.scene()).isGreaterThan(run.truths() * 9 / 10);
        }
    }

    @Test
    void noisyAndDroppedDetectionsCauseFewSwitches() {
        assertFewSwitches(2.0, 0.1, 3);
    }

    @Test
    void harshNoiseStillKeepsMostIds() {
        assertFewSwitches(5.0, 0.3, 10);
    }

    private static void assertFewSwitches(double noisePx, double dropRate, int allowed) {
        int switches = 0;
        int matches = 0;
        int truths = 0;
        for (Path dir : DemoScenes.dirs()) {
            Run run = track(dir, noisePx, dropRate, 42);
            System.out.println("[tracking] noise " + noisePx + " px, drop " + dropRate + ": " + run);
            switches += run.switches();
            matches += run.matches();
            truths += run.truths();
        }
        System.out.println("[tracking] noise " + noisePx + " px, drop " + dropRate + " total: " + switches
            + " id switches, " + matches + " of " + truths + " ground-truth objects matched");
        assertThat(switches).isLessThanOrEqualTo(allowed);
        assertThat(matches).isGreaterThan(truths / 2);
    }
}
