package io.sightline.cli.scenes;

import io.sightline.cli.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateScenesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void cleanScenesExitZero() {
        Path a = SceneFolders.write(tmp.resolve("a"), 2);
        Path b = SceneFolders.write(tmp.resolve("b"), 3);
        CliRun run = CliRun.of("scenes", "validate", a.toString(), b.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("checked 2 scenes (5 annotation lines): no problems\n");
    }

    @Test
    void problemsArePrintedAsFileLineMessageAndExitOne() throws Exception {
        Path a = SceneFolders.write(tmp.resolve("a"), 3);
        Path b = SceneFolders.write(tmp.resolve("b"), 1);
        Path annotations = a.resolve("annotations.jsonl");
        String text = Files.readString(annotations);
        String edited = text.replaceFirst("\"id\":3,", "\"id\":\"three\",");
        Files.writeString(annotations, edited.substring(0, edited.length() - 20));
        Files.write(a.resolve("frames/000001.png"), new byte[] {0x42});

        CliRun run = CliRun.of("scenes", "validate", a.toString(), b.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        java.util.List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(annotations + ":1: objects[0].id: must be an integer in 32-bit range, got \"three\"");
        assertThat(lines.get(1)).startsWith(annotations + ":3: truncated last line (no newline at the end, JSON ends at column ");
        assertThat(lines.get(2)).isEqualTo(a.resolve("frames/000001.png") + ": not a PNG file (bad signature)");
        assertThat(lines.get(3)).isEqualTo("checked 2 scenes (4 annotation lines): 3 problems in 1 scene");
    }

    @Test
    void aFolderOfScenesIsExpanded() {
        SceneFolders.write(tmp.resolve("set/s1"), 1);
        SceneFolders.write(tmp.resolve("set/s2"), 1);
        CliRun run = CliRun.of("scenes", "validate", "--no-decode", tmp.resolve("set").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("checked 2 scenes");
    }

    @Test
    void aMissingFolderIsAProblemAndNoArgumentsIsAUsageError() {
        CliRun missing = CliRun.of("scenes", "validate", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains(tmp.resolve("nope") + ": not a scene folder");
        assertThat(CliRun.of("scenes", "validate").exitCode()).isEqualTo(2);
    }
}
