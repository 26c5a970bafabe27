package io.sightline.cli.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.cli.testing.CliRun;
import io.sightline.cli.testing.ShippedPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sightline detect} on the shipped tabletop pack: JSON lines in source pixels, non-images skipped and counted. */
class DetectCommandTest {
    @TempDir
    Path tmp;

    @Test
    void detectsImagesOfAFolderSkipsAFileThatIsNoImageAndAnnotates() throws Exception {
        Path pack = ShippedPack.find().orElse(null);
        Assumptions.assumeTrue(pack != null, "no model pack in models/tabletop-vlm");
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.copy(pack.resolve("fixtures/case0_image.png"), images.resolve("a.png"));
        Files.writeString(images.resolve("b.png"), "not an image");
        Files.writeString(images.resolve("notes.txt"), "not listed: not an image extension");
        Path json = tmp.resolve("out/detections.jsonl");
        CliRun run = CliRun.of("detect", "--pack", pack.toString(), images.toString(), "--json", json.toString(),
            "--annotate", tmp.resolve("annotated").toString(), "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(DetectCommand.SKIPPED);
        assertThat(run.err()).contains("skipped " + images.resolve("b.png")).contains("1 image(s) detected, 1 skipped");
        List<String> lines = Files.readAllLines(json);
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("image").asText()).isEqualTo(images.resolve("a.png").toString());
        JsonNode dets = line.path("detections");
        assertThat(dets.size()).isPositive();
        for (JsonNode d : dets) {
            assertThat(d.path("label").asText()).contains(" ");  // "red cup": colour and shape
            assertThat(d.path("score").asDouble()).isBetween(0.05, 1.0);
            assertThat(d.path("box").size()).isEqualTo(4);
            assertThat(d.path("box").get(2).asDouble()).isGreaterThan(d.path("box").get(0).asDouble());
        }
        assertThat(tmp.resolve("annotated/a.png")).isRegularFile();
    }

    @Test
    void aMissingInputIsAUsageError() {
        CliRun run = CliRun.of("detect", tmp.resolve("nothing-here.png").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file or folder");
    }
}
