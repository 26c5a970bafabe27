package io.sightline.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench pipeline} on a source that is not a scene, with the detection-only pack. */
class PipelineBenchSourcesTest {
    static final Path REAL = Path.of("..", "test-scenes", "real", "images");

    @TempDir
    Path tmp;

    @Test
    void anImageFolderRunsThroughTheSourceFactoryWithTheDetectorPack() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("frames"));
        for (String f : List.of("ocv-vtest-f300.jpg", "ocv-vtest-f500.jpg", "ski-chelsea.png")) {
            Files.copy(REAL.resolve(f), images.resolve(f));
        }
        CliRun r = CliRun.of("bench", "pipeline", images.toString(), "--pack", Path.of("..", "models", "coco-nanodet").toString(),
            "--frames", "3", "--rounds", "1", "--threads", "1", "--score-threshold", "0.3");
        assertThat(r.exitCode()).as(r.out() + "\n" + r.err()).isZero();
        assertThat(r.out()).contains("source: images " + images).contains("tabletop default camera")
            .contains("preprocess + encoder on 3 decoded frames").contains("full pipeline").contains("ratio")
            .contains("decoding benchmark skipped").contains("no language decoder");
        assertThat(r.out()).doesNotContain("(0 detections in the last round)");
    }
}
