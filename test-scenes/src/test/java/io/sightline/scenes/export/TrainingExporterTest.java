package io.sightline.scenes.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.scenes.generate.GenerationSettings;
import io.sightline.scenes.generate.SceneGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingExporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesResizedImagesSamplesAndASummary(@TempDir Path tmp) throws IOException {
        GenerationSettings s = GenerationSettings.defaults(21, 3, "val").withSize(320, 240).withSequences(2);
        SceneGenerator g = new SceneGenerator(s);
        Path export = tmp.resolve("export");
        try (TrainingExporter ex = new TrainingExporter(export, ExportSize.parse("64x48"), g.policy(),
            new GeneratorInfo(SceneGenerator.NAME, SceneGenerator.VERSION, 21))) {
            g.generate(tmp, ex);
        }
        List<String> lines = Files.readAllLines(export.resolve("samples.jsonl"));
        assertThat(lines).hasSize(6);
        int objects = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode sample = JSON.readTree(lines.get(i));
            assertThat(sample.get("image").asText()).isEqualTo(String.format("images/%06d.png", i));
            try (Mat m = imread(export.resolve(sample.get("image").asText()).toString(), IMREAD_COLOR)) {
                assertThat(m.cols()).isEqualTo(64);
                assertThat(m.rows()).isEqualTo(48);
            }
            for (JsonNode o : sample.get("objects")) {
                objects++;
                JsonNode b = o.get("box");
                assertThat(b.get(0).asDouble()).isBetween(0.0, 1.0);
                assertThat(b.get(2).asDouble()).isBetween(b.get(0).asDouble(), 1.0);
                assertThat(b.get(3).asDouble()).isBetween(b.get(1).asDouble(), 1.0);
                assertThat(o.get("position")).hasSize(3);
                assertThat(o.has("held_out")).isTrue();
            }
            for (JsonNode e : sample.get("expressions")) {
                assertThat(e.get("kind").asText()).isIn("attribute", "relational", "superlative", "no_target");
                assertThat(e.get("target").isNull() || e.get("target").isInt()).isTrue();
            }
        }
        JsonNode summary = JSON.readTree(export.resolve("export.json").toFile());
        assertThat(summary.get("counts").get("images").asInt()).isEqualTo(6);
        assertThat(summary.get("counts").get("scenes").asInt()).isEqualTo(2);
        assertThat(summary.get("counts").get("objects").asInt()).isEqualTo(objects);
        assertThat(summary.get("image_width").asInt()).isEqualTo(64);
        assertThat(summary.get("source_width").asInt()).isEqualTo(320);
        assertThat(summary.get("split").asText()).isEqualTo("val");
        assertThat(summary.get("shapes")).hasSize(6);
        assertThat(summary.get("colours")).hasSize(6);
    }

    @Test
    void exportSizeIsParsedOrRejectedWithTheValue() {
        assertThat(ExportSize.parse("256x192")).isEqualTo(new ExportSize(256, 192));
        assertThatThrownBy(() -> ExportSize.parse("256*192")).hasMessageContaining("256*192");
        assertThatThrownBy(() -> ExportSize.parse("2x2")).hasMessageContaining("2x2");
    }
}
