package io.sightline.perception.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A truncated or corrupt scene never crashes the reader with anything but SceneFormatException. */
class SceneReaderRobustnessTest {
    @TempDir
    Path tmp;
    Path dir;
    Path annotations;
    byte[] good;

    @BeforeEach
    void writeScene() throws IOException {
        dir = TinyScenes.write(tmp.resolve("scene"), 3, "png");
        annotations = dir.resolve(SceneLayout.ANNOTATIONS);
        good = Files.readAllBytes(annotations);
    }

    @Test
    void badLinesAreSkippedAndReportedWithTheirLine() throws IOException {
        TinyScenes.editLine(dir, 2, "\"box\":[90,40,120,80]", "\"box\":[90,40,120,");
        Scene scene = SceneReader.open(dir);
        List<SceneFormatException> skipped = new ArrayList<>();
        try (Stream<FrameAnnotation> frames = scene.frames(skipped::add)) {
            assertThat(frames.map(FrameAnnotation::index)).containsExactly(0, 2);
        }
        assertThat(skipped).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(annotations);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith(annotations + ":2: malformed JSON at column");
        });
        try (Stream<FrameAnnotation> frames = scene.frames()) {
            assertThatThrownBy(frames::toList).isInstanceOf(SceneFormatException.class).hasMessageContaining(":2: ");
        }
        assertThat(scene.annotation(2).index()).isEqualTo(2);
        assertThatThrownBy(() -> scene.annotation(1)).isInstanceOf(SceneFormatException.class);
        assertThatThrownBy(() -> scene.annotation(3)).isInstanceOf(SceneFormatException.class)
            .hasMessageContaining("no line for frame 3: the file has 3 lines");
    }

    @Test
    void truncatingAnnotationsAnywhereNeverCrashesTheReaderOrValidator() throws IOException {
        SceneValidator validator = new SceneValidator(false);
        for (int cut : cuts()) {
            Files.write(annotations, Arrays.copyOf(good, cut));
            Scene scene = SceneReader.open(dir);
            int[] bad = new int[1];
            long complete;
            try (Stream<FrameAnnotation> frames = scene.frames(e -> bad[0]++)) {
                complete = frames.count();
            }
            int atCut = cut;
            assertThat(complete + bad[0]).as("cut at %d", atCut).isEqualTo(lineCount(cut));
            for (int i = 0; i < 3; i++) {
                try {
                    assertThat(scene.annotation(i).index()).isEqualTo(i);
                } catch (SceneFormatException expected) {
                    assertThat(expected.file()).isEqualTo(annotations);
                }
            }
            if (cut % 3 == 0) {
                assertThat(validator.validate(dir).problems()).as("cut at %d", atCut).isNotEmpty();
            }
        }
    }

    @Test
    void randomByteCorruptionNeverCrashesTheReaderOrValidator() throws IOException {
        Random random = new Random(7);
        SceneValidator validator = new SceneValidator(false);
        for (int trial = 0; trial < 100; trial++) {
            byte[] bytes = good.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Files.write(annotations, bytes);
            Scene scene = SceneReader.open(dir);
            try (Stream<FrameAnnotation> frames = scene.frames(e -> assertThat(e.line()).isPositive())) {
                frames.forEach(f -> assertThat(f.objects()).isNotNull());
            }
            validator.validate(dir);
        }
    }

    @Test
    void truncatingSceneJsonAtAnyByteGivesSceneFormatException() throws IOException {
        Path sceneJson = dir.resolve(SceneLayout.SCENE_JSON);
        byte[] json = Files.readAllBytes(sceneJson);
        SceneValidator validator = new SceneValidator(false);
        // Cutting only the final newline leaves a complete object; every shorter cut must fail cleanly.
        for (int cut = 0; cut < json.length - 1; cut += 3) {
            Files.write(sceneJson, Arrays.copyOf(json, cut));
            assertThatThrownBy(() -> SceneReader.open(dir)).isInstanceOf(SceneFormatException.class)
                .hasMessageStartingWith(sceneJson + ": ");
            assertThat(validator.validate(dir).problems()).isNotEmpty();
        }
    }

    @Test
    void annotationsThatCannotBeReadGiveSceneFormatException() throws IOException {
        Files.delete(annotations);
        Files.createDirectory(annotations);
        Scene scene = SceneReader.open(dir);
        try (Stream<FrameAnnotation> frames = scene.frames()) {
            assertThatThrownBy(frames::toList).isInstanceOf(SceneFormatException.class).hasMessageContaining("unreadable");
        }
        assertThatThrownBy(() -> scene.annotation(0)).isInstanceOf(SceneFormatException.class);
        assertThat(new SceneValidator(false).validate(dir).problems()).isNotEmpty();
    }

    @Test
    void corruptImagesThrowSceneFormatException() throws IOException {
        Scene scene = SceneReader.open(dir);
        Files.write(scene.framePath(1), new byte[] {1, 2, 3});
        Files.delete(scene.framePath(2));
        assertThatThrownBy(() -> scene.readImage(1)).isInstanceOf(SceneFormatException.class)
            .hasMessage(scene.framePath(1) + ": not a PNG file (bad signature)");
        assertThatThrownBy(() -> scene.readImage(2)).isInstanceOf(SceneFormatException.class)
            .hasMessage(scene.framePath(2) + ": missing frame image");
    }

    /** Every 5th byte, and every byte within 3 of a line end (where the interesting cases are). */
    private List<Integer> cuts() {
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        for (int i = 0; i < good.length; i++) {
            if (i % 5 == 0) {
                cuts.add(i);
            }
            if (good[i] == '\n') {
                for (int d = -3; d <= 3; d++) {
                    if (i + d >= 0 && i + d < good.length) {
                        cuts.add(i + d);
                    }
                }
            }
        }
        return List.copyOf(cuts);
    }

    /** Lines the reader sees in the first {@code cut} bytes: complete lines plus a non-empty partial one. */
    private int lineCount(int cut) {
        int lines = 0;
        boolean partial = false;
        for (int i = 0; i < cut; i++) {
            if (good[i] == '\n') {
                lines++;
                partial = false;
            } else {
                partial = true;
            }
        }
        return lines + (partial ? 1 : 0);
    }
}
