package io.sightline.scenes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.Box2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonlReaderTest {
    /** The example line of docs/results-format.md. */
    static final String EXAMPLE = "{\"scene\":\"demo-000\",\"frame\":12,\"seq\":12,\"width\":640,\"height\":480,"
        + "\"detections\":[{\"shape\":\"cup\",\"colour\":\"red\",\"label\":\"red cup\",\"score\":0.9132,"
        + "\"box\":[101.25,220.5,161.75,290.0],\"track_id\":3,\"track_state\":\"CONFIRMED\",\"position\":[0.612,0.101,0.0]}],"
        + "\"relations\":[{\"subject\":3,\"predicate\":\"LEFT_OF\",\"object\":5,\"distance_m\":0.312}],"
        + "\"description\":\"A red cup is left of a blue cube.\","
        + "\"groundings\":[{\"expression\":\"the red cup\",\"status\":\"OK\",\"box\":[101.25,220.5,161.75,290.0],\"track_id\":3}],"
        + "\"skipped_before\":0,"
        + "\"timings_ms\":{\"capture\":1.204,\"preprocess\":0.811,\"encode\":21.392,\"detect\":0.402,\"decode\":0.0,"
        + "\"post\":0.131,\"total\":23.94,\"age\":24.1}}";

    private final ResultsJsonlReader reader = new ResultsJsonlReader();

    @Test
    void readsTheDocumentedExample(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.jsonl");
        Files.writeString(file, EXAMPLE + "\n\n"
            + "{\"scene\":\"cam\",\"frame\":-1,\"seq\":1,\"detections\":[],\"relations\":[]}\n");
        ResultsRun run = reader.read(List.of(file));
        assertThat(run.lines()).isEqualTo(2);
        assertThat(run.frames()).hasSize(1);
        FramePrediction f = run.frames().get(0);
        assertThat(f.scene()).isEqualTo("demo-000");
        assertThat(f.frameIndex()).isEqualTo(12);
        PredictedBox b = f.boxes().get(0);
        assertThat(b.shape()).isEqualTo("cup");
        assertThat(b.colour()).isEqualTo("red");
        assertThat(b.score()).isEqualTo(0.9132);
        assertThat(b.box()).isEqualTo(new Box2D(101.25, 220.5, 161.75, 290.0));
        assertThat(b.position()).contains(new Vec3(0.612, 0.101, 0.0));
        assertThat(b.trackId()).hasValue(3);
        assertThat(f.stageMillis()).containsEntry("encode", 21.392).containsEntry("total", 23.94).hasSize(8);
        assertThat(run.relations()).containsExactly(new TrackRelation("demo-000", 12, 3, Predicate.LEFT_OF, 5));
        assertThat(run.relationsReported()).isTrue();
        assertThat(run.groundings()).containsExactly(new GroundingPrediction("demo-000", 12, "the red cup",
            GroundingStatus.OK, java.util.Optional.of(new Box2D(101.25, 220.5, 161.75, 290.0))));
    }

    @Test
    void optionalFieldsMayBeAbsent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.jsonl");
        Files.writeString(file, "{\"scene\":\"s\",\"frame\":0,\"detections\":[{\"shape\":\"cup\",\"score\":0.5,"
            + "\"box\":[0,0,1,1]}],\"groundings\":[{\"expression\":\"x\",\"status\":\"NO_MATCH\"}]}\n");
        ResultsRun run = reader.read(List.of(file));
        PredictedBox b = run.frames().get(0).boxes().get(0);
        assertThat(b.colour()).isEmpty();
        assertThat(b.position()).isEmpty();
        assertThat(b.trackId()).isEmpty();
        assertThat(run.frames().get(0).stageMillis()).isEmpty();
        assertThat(run.relationsReported()).isFalse();
        assertThat(run.groundings().get(0).box()).isEmpty();
    }

    @Test
    void problemsNameFileLineAndField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, EXAMPLE + "\n{\"scene\":\"s\",\"frame\":1,\"detections\":[{\"shape\":\"cup\",\"score\":0.5,\"box\":[0,0,1]}]}\n");
        assertThatThrownBy(() -> reader.read(List.of(file))).isInstanceOf(ResultsFormatException.class)
            .hasMessageContaining("bad.jsonl:2").hasMessageContaining("box: expected 4 numbers");
        Files.writeString(file, "{\"scene\":\"s\",\"frame\":1,\"detections\":[],\"relations\":[{\"subject\":1,\"predicate\":\"ON\",\"object\":2}]}\n");
        assertThatThrownBy(() -> reader.read(List.of(file))).hasMessageContaining("bad.jsonl:1").hasMessageContaining("'ON'");
        Files.writeString(file, "{\"scene\":\"s\",\"frame\":1,\"detections\":[]\n");
        assertThatThrownBy(() -> reader.read(List.of(file))).hasMessageContaining("malformed JSON");
        Files.writeString(file, "{\"frame\":1,\"detections\":[]}\n");
        assertThatThrownBy(() -> reader.read(List.of(file))).hasMessageContaining("scene: missing");
        assertThatThrownBy(() -> reader.read(List.of(dir.resolve("none.jsonl")))).hasMessageContaining("none.jsonl")
            .hasMessageContaining("missing results file");
    }
}
