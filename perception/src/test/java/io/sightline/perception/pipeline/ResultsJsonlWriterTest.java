package io.sightline.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackState;

class ResultsJsonlWriterTest {
    private static PerceptionResult result(double score) {
        Detection cup = new Detection(new Box2D(100.004, 20.5, 160.126, 90), "cup", "red", score);
        Detection cube = new Detection(new Box2D(200, 40, 250, 100), "cube", "blue", 0.5);
        ObjectResult tracked = new ObjectResult(cup, OptionalLong.of(3), Optional.of(TrackState.CONFIRMED),
            Optional.of(new Vec3(0.61249, -0.0000001, 0)));
        return new PerceptionResult("demo-000", 12, 14, 640, 480, List.of(tracked, ObjectResult.untracked(cube)),
            List.of(new SpatialRelation(3, Predicate.LEFT_OF, 5, 0.31249, 0.2, "base_link", "red cup left of blue cube, 0.31 m")), "A red cup.",
            List.of(new GroundingAnswer("the red cup", "OK", Optional.of(cup.box()), OptionalLong.of(3), "red cup",
                List.of(), "<loc0010><loc0020><loc0030><loc0040> red cup", "track 3 (red cup) at IoU 0.91", 0, 0)),
            1, new StageTimings(1_000_000, 2_000_000, 3_000_000, 400_000, 0, 100_000, 6_500_000), 7_000_000);
    }

    private static String write(boolean timings, PerceptionResult... results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ResultsJsonlWriter w = ResultsJsonlWriter.onto(bytes, timings)) {
            for (PerceptionResult r : results) {
                w.write(r);
            }
            assertThat(w.written()).isEqualTo(results.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheDocumentedFieldsOneLinePerFrame() throws Exception {
        String text = write(true, result(0.91234), result(0.8));
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(2);
        JsonNode n = new ObjectMapper().readTree(lines[0]);
        assertThat(n.get("scene").asText()).isEqualTo("demo-000");
        assertThat(n.get("frame").asInt()).isEqualTo(12);
        assertThat(n.get("seq").asInt()).isEqualTo(14);
        JsonNode d0 = n.get("detections").get(0);
        assertThat(d0.get("label").asText()).isEqualTo("red cup");
        assertThat(d0.get("score").asDouble()).isEqualTo(0.9123);
        assertThat(d0.get("box").toString()).isEqualTo("[100,20.5,160.13,90]");
        assertThat(d0.get("track_id").asLong()).isEqualTo(3);
        assertThat(d0.get("track_state").asText()).isEqualTo("CONFIRMED");
        assertThat(d0.get("position").toString()).isEqualTo("[0.612,0,0]");
        JsonNode d1 = n.get("detections").get(1);
        assertThat(d1.has("track_id")).isFalse();
        assertThat(d1.has("position")).isFalse();
        assertThat(n.get("relations").get(0).toString()).isEqualTo("{\"subject\":3,\"predicate\":\"LEFT_OF\",\"object\":5,\"distance_m\":0.312}");
        assertThat(n.get("groundings").get(0).get("status").asText()).isEqualTo("OK");
        assertThat(n.get("groundings").get(0).get("answer").asText()).isEqualTo("<loc0010><loc0020><loc0030><loc0040> red cup");
        assertThat(n.get("groundings").get(0).get("reason").asText()).isEqualTo("track 3 (red cup) at IoU 0.91");
        assertThat(n.get("skipped_before").asInt()).isEqualTo(1);
        assertThat(n.get("timings_ms").get("encode").asDouble()).isEqualTo(3.0);
        assertThat(n.get("timings_ms").get("age").asDouble()).isEqualTo(7.0);
    }

    @Test
    void withoutTimingsEqualResultsGiveEqualBytes() {
        String a = write(false, result(0.91234));
        String b = write(false, result(0.91234));
        assertThat(a).isEqualTo(b).doesNotContain("timings_ms");
        assertThat(write(false, result(0.7))).isNotEqualTo(a);
    }

    @Test
    void roundsWithoutExponentsAndRefusesNonFiniteNumbers() {
        assertThat(ResultsJsonlWriter.round(100.0, 2).toString()).isEqualTo("100");
        assertThat(ResultsJsonlWriter.round(-0.0001, 3).toString()).isEqualTo("0");
        assertThat(ResultsJsonlWriter.round(0.12345, 4).toString()).isEqualTo("0.1235");
        assertThatThrownBy(() -> ResultsJsonlWriter.round(Double.NaN, 2)).hasMessageContaining("NaN");
    }
}
