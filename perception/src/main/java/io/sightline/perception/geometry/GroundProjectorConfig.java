package io.sightline.perception.geometry;

import io.sightline.calibration.camera.CameraModels;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link GroundProjector}.
 *
 * @param planeZ   height of the table plane in base_link (metres)
 * @param shapes   typical size per shape label (lower case), used to step from the visible bottom edge to the
 *                 footprint centre
 * @param fallback size for shapes not in the table
 */
public record GroundProjectorConfig(double planeZ, Map<String, TypicalShape> shapes, TypicalShape fallback) {
    public GroundProjectorConfig {
        shapes = Map.copyOf(shapes);
        Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * The tabletop world's objects: mid-range sizes of real household objects (a mug, a soda can, a 0.5 l
     * bottle, a toy ball), the same ranges the synthetic world draws from (test-scenes
     * {@code io.sightline.scenes.world.Shape#sampleDimensions}; copied, not depended on: perception must run on
     * a robot without the test module). A cube's nearest bottom point is a corner or an edge depending on its
     * yaw; over a uniform yaw its depth from the centre averages 4/pi of the half edge.
     */
    public static GroundProjectorConfig tabletop() {
        return new GroundProjectorConfig(CameraModels.TABLE_PLANE_Z, Map.of(
            "cube", new TypicalShape(4 / Math.PI * 0.02875, TypicalShape.Silhouette.UPRIGHT), // edge 4.5..7 cm
            "cup", new TypicalShape(0.0385, TypicalShape.Silhouette.UPRIGHT),                 // body radius 3.4..4.3 cm
            "ball", new TypicalShape(0.0375, TypicalShape.Silhouette.SPHERE),                 // radius 3..4.5 cm
            "bottle", new TypicalShape(0.033, TypicalShape.Silhouette.UPRIGHT),               // radius 3..3.6 cm
            "can", new TypicalShape(0.0325, TypicalShape.Silhouette.UPRIGHT),                 // radius 3.1..3.4 cm
            "cone", new TypicalShape(0.0385, TypicalShape.Silhouette.UPRIGHT)),               // base radius 3.2..4.5 cm
            new TypicalShape(0.035, TypicalShape.Silhouette.UPRIGHT));
    }

    public TypicalShape shape(String label) {
        return shapes.getOrDefault(label.toLowerCase(Locale.ROOT), fallback);
    }
}
