package io.sightline.perception.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.tracking.DemoScenes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Ground projection of the demo scenes' ground-truth boxes against their annotated footprint centres, for fully
 * visible objects not cut by the image border. Prints p50/p95 of the planar error (the figures for the closing note).
 */
class DemoScenePositionTest {
    private static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    @Test
    void footprintCentresWithinTwoCentimetresAtTheMedian() {
        List<Double> errors = new ArrayList<>();
        List<Double> uncorrected = new ArrayList<>();
        Map<String, List<Double>> byShape = new TreeMap<>();
        for (Path dir : DemoScenes.dirs()) {
            Scene scene = DemoScenes.open(dir);
            GroundProjector projector = new GroundProjector(scene.info().camera(), GroundProjectorConfig.tabletop());
            for (FrameAnnotation f : DemoScenes.frames(scene)) {
                for (ObjectAnnotation o : f.objects()) {
                    if (o.visibility() < 1 || o.truncated()) {
                        continue;
                    }
                    Vec3 p = projector.position(o.box(), o.shape()).orElseThrow();
                    Vec3 q = projector.bottomPoint(o.box()).orElseThrow();
                    double e = Math.hypot(p.x() - o.position().x(), p.y() - o.position().y());
                    errors.add(e);
                    uncorrected.add(Math.hypot(q.x() - o.position().x(), q.y() - o.position().y()));
                    byShape.computeIfAbsent(o.shape(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] raw = uncorrected.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("[geometry] %d objects: position error p50 %.4f m, p95 %.4f m (bottom edge without footprint"
            + " correction: p50 %.4f m, p95 %.4f m)%n", sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.95),
            percentile(raw, 0.5), percentile(raw, 0.95));
        byShape.forEach((shape, list) -> {
            double[] s = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("[geometry]   %-6s n=%4d p50 %.4f m p95 %.4f m%n", shape, s.length, percentile(s, 0.5), percentile(s, 0.95));
        });
        assertThat(sorted.length).isGreaterThan(500);
        assertThat(percentile(sorted, 0.5)).isLessThan(0.02);
        assertThat(percentile(sorted, 0.95)).isLessThan(0.05);
        // The footprint correction must be an improvement on the raw bottom edge.
        assertThat(percentile(sorted, 0.5)).isLessThan(percentile(raw, 0.5));
        assertThat(Arrays.stream(sorted).max().orElseThrow()).isLessThan(0.2);
    }
}
