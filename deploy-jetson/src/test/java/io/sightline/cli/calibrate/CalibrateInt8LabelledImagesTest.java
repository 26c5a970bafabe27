package io.sightline.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calibrate int8 --images} on the shipped detector pack (coco-nanodet) and a small labelled set of real photos. */
class CalibrateInt8LabelledImagesTest {
    static final Path PACK = Path.of("..", "models", "coco-nanodet");
    static final Path REAL = Path.of("..", "test-scenes", "real");
    static final List<String> VAL = List.of("images/ski-chelsea.png", "images/ski-astronaut.png");
    static final String TEST = "images/ski-coffee.png";

    @TempDir
    Path tmp;

    @Test
    void calibratesTheDetectorOnTheValImagesAndGuardsWithMapAgainstTheLabels() throws IOException {
        Path pack = Files.createDirectories(tmp.resolve("pack"));
        try (Stream<Path> files = Files.list(PACK)) {
            for (Path f : files.toList()) {
                Files.copy(f, pack.resolve(f.getFileName()));
            }
        }
        Path set = Files.createDirectories(tmp.resolve("real").resolve("images"));
        StringBuilder labels = new StringBuilder();
        for (String line : Files.readAllLines(REAL.resolve("labels.jsonl"))) {
            for (String image : Stream.concat(VAL.stream(), Stream.of(TEST)).toList()) {
                if (line.contains("\"" + image + "\"")) {
                    labels.append(line).append('\n');
                    Files.copy(REAL.resolve(image), set.resolve(Path.of(image).getFileName()));
                }
            }
        }
        Files.writeString(set.getParent().resolve("labels.jsonl"), labels);
        Path out = tmp.resolve("int8");
        CliRun r = CliRun.of("calibrate", "int8", "--pack", pack.toString(), "--images", set.getParent().toString(), "--scope", "fused",
            "--method", "minmax", "--threads", "1", "--max-map-drop", "100", "--out", out.toString());
        assertThat(r.exitCode()).as(r.out() + "\n" + r.err()).isZero();
        assertThat(r.out()).contains("calibrating " + pack + "/detector.onnx").contains("scope fused, 2 frames")
            .contains("scores_8 cosine").contains("detection mAP@0.5 against the labels").contains("on 2 validation image(s)");
        assertThat(out.resolve("vision_encoder_int8.onnx")).isRegularFile();
        assertThat(Files.readString(out.resolve("int8_report.json"))).contains("\"graph\" : \"detector.onnx\"")
            .contains("\"detection.map50\"").doesNotContain("ski-coffee");
        // written to --out: the pack's manifest is untouched
        assertThat(Files.readString(pack.resolve("manifest.json"))).isEqualTo(Files.readString(PACK.resolve("manifest.json")));
    }
}
