package io.sightline.quantize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationFramesTest {
    private static void scene(Path dir, int frames) throws Exception {
        Files.createDirectories(dir.resolve("frames"));
        for (int i = 0; i < frames; i++) {
            Files.writeString(dir.resolve("frames").resolve(String.format("%06d.jpg", i)), "x");
        }
        Files.writeString(dir.resolve("scene.json"), "{}");
    }

    @Test
    void spreadsTheChosenFramesEvenlyOverAllScenes(@TempDir Path root) throws Exception {
        scene(root.resolve("seq-000"), 10);
        scene(root.resolve("seq-001"), 10);
        List<Path> chosen = CalibrationFrames.select(List.of(root), 4);
        assertThat(chosen).extracting(p -> root.relativize(p).toString()).containsExactly(
            "seq-000/frames/000000.jpg", "seq-000/frames/000005.jpg", "seq-001/frames/000000.jpg", "seq-001/frames/000005.jpg");
        assertThat(CalibrationFrames.select(List.of(root.resolve("seq-001")), 50)).hasSize(10);
    }

    @Test
    void aFolderWithoutScenesIsNamed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> CalibrationFrames.select(List.of(root.resolve("empty")), 4)).hasMessageContaining("empty");
        assertThatThrownBy(() -> CalibrationFrames.select(List.of(root.resolve("nope")), 4)).hasMessageContaining("nope");
    }
}
