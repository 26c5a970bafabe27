package io.sightline.perception.relations;

import static io.sightline.perception.relations.RelationFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.tracking.TrackedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneDescriberTest {
    private final RelationExtractor extractor = new RelationExtractor(RelationConfig.groundTruthMargins());
    private final SceneDescriber describer = new SceneDescriber(extractor);

    private String describe(List<TrackedObject> objects) {
        return describer.describe(objects);
    }

    @Test
    void leftToRightEachTiedToTheNearestNamedObject() {
        List<TrackedObject> objects = List.of(
            at(1, "red", "cup", 0.5, 0.3),
            at(2, "blue", "cube", 0.5, 0.0),
            at(3, "green", "ball", 0.8, 0.28));
        // Order by y descending: cup (0.3), ball (0.28), cube (0.0). The ball is 30 cm behind the cup (2 cm to
        // its right is inside the band); the cube's nearest named object is the cup, 30 cm to its right.
        assertThat(describe(objects)).isEqualTo("a red cup; a green ball behind the red cup; a blue cube right of the red cup.");
    }

    @Test
    void nearWinsOverADirection() {
        assertThat(describe(List.of(at(1, "red", "cup", 0.5, 0.12), at(2, "orange", "ball", 0.5, 0.0))))
            .isEqualTo("a red cup; an orange ball near the red cup.");
    }

    @Test
    void noRelationInsideTheClearBand() {
        // About 20 cm apart (not near); 8 cm along one axis is inside the clear band, 18 cm along the other is not.
        assertThat(describe(List.of(at(1, "red", "cup", 0.5, 0.08), at(2, "blue", "cube", 0.68, 0.0))))
            .isEqualTo("a red cup; a blue cube behind the red cup.");
        assertThat(describe(List.of(at(1, "red", "cup", 0.5, 0.18), at(2, "blue", "cube", 0.58, 0.0))))
            .isEqualTo("a red cup; a blue cube right of the red cup.");
    }

    @Test
    void aReferenceMustBeUniqueInView() {
        assertThat(describe(List.of(at(1, "red", "cup", 0.5, 0.4), at(2, "red", "cup", 0.5, 0.0),
            at(3, "blue", "cube", 0.5, -0.3))))
            .isEqualTo("a red cup; a red cup; a blue cube.");
    }

    @Test
    void nothingInView() {
        // the service says what it saw, not what the table holds; the describe task's sentence keeps "an empty table."
        assertThat(describe(List.of())).isEqualTo(SceneDescriber.NOTHING_IN_VIEW);
        assertThat(describer.sentence(List.of())).isEqualTo(SceneDescriber.EMPTY);
    }
}
