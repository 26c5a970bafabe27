package io.sightline.perception.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneValidatorTest {
    @TempDir
    Path tmp;
    Path dir;
    Path annotations;

    @BeforeEach
    void writeCleanScene() {
        dir = TinyScenes.write(tmp.resolve("scene"), 3, "jpg");
        annotations = dir.resolve(SceneLayout.ANNOTATIONS);
    }

    private List<SceneProblem> problems() {
        return new SceneValidator().validate(dir).problems();
    }

    private static String show(List<SceneProblem> problems) {
        return problems.stream().map(SceneProblem::toString).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void aCleanSceneHasNoProblems() {
        ValidationReport report = new SceneValidator().validate(dir);
        assertThat(report.problems()).isEmpty();
        assertThat(report.linesRead()).isEqualTo(3);
        assertThat(report.imagesChecked()).isEqualTo(3);
    }

    @Test
    void malformedJsonLineIsReportedWithItsLineAndTheRestIsStillChecked() throws IOException {
        TinyScenes.editLine(dir, 2, "\"objects\":[", "\"objects\":[[");
        TinyScenes.editLine(dir, 3, "\"id\":5,", "\"id\":2,");
        List<SceneProblem> p = problems();
        assertThat(p).hasSize(2);
        assertThat(p.get(0).file()).isEqualTo(annotations);
        assertThat(p.get(0).line()).isEqualTo(2);
        assertThat(p.get(0).message()).startsWith("malformed JSON at column");
        assertThat(p.get(1)).isEqualTo(new SceneProblem(annotations, 3, "objects[2].id", "duplicate object id 2 in this frame"));
    }

    @Test
    void truncatedLastLine() throws IOException {
        byte[] bytes = Files.readAllBytes(annotations);
        Files.write(annotations, Arrays.copyOf(bytes, bytes.length - 40));
        List<SceneProblem> p = problems();
        assertThat(show(p)).contains(annotations + ":3: truncated last line (no newline at the end");
        assertThat(p).hasSize(1);
    }

    @Test
    void lastLineWithoutNewlineIsReportedEvenWhenItParses() throws IOException {
        byte[] bytes = Files.readAllBytes(annotations);
        Files.write(annotations, Arrays.copyOf(bytes, bytes.length - 1));
        assertThat(problems()).containsExactly(
            new SceneProblem(annotations, 3, "", "last line has no newline at the end (truncated write?)"));
    }

    @Test
    void missingFieldsWrongTypesAndNonFiniteNumbersEachGetTheirField() throws IOException {
        TinyScenes.editLine(dir, 1, "\"visibility\":1,", "");
        TinyScenes.editLine(dir, 1, "\"yaw\":-0.5", "\"yaw\":\"left\"");
        TinyScenes.editLine(dir, 2, "\"box\":[90,40,120,80]", "\"box\":[90,NaN,120,1e999]");
        TinyScenes.editLine(dir, 3, "\"held_out\":false}]", "\"held_out\":0}]");
        TinyScenes.editLine(dir, 3, "\"kind\":\"attribute\"", "\"kind\":\"colour\"");
        List<SceneProblem> p = problems();
        assertThat(p).containsExactly(
            new SceneProblem(annotations, 1, "objects[0].visibility", "missing"),
            new SceneProblem(annotations, 1, "objects[1].yaw", "must be a number, got \"left\""),
            new SceneProblem(annotations, 2, "objects[1].box[1]", "must be a finite number, got NaN"),
            new SceneProblem(annotations, 2, "objects[1].box[3]", "must be a finite number, got Infinity"),
            new SceneProblem(annotations, 3, "expressions[0].kind",
                "unknown kind \"colour\"; expected one of [attribute, relational, superlative, no_target]"),
            new SceneProblem(annotations, 3, "expressions[2].held_out", "must be true or false, got 0"));
    }

    @Test
    void boxesOutsideTheImageInvertedOrEmpty() throws IOException {
        TinyScenes.editLine(dir, 1, "\"box\":[90,40,120,80]", "\"box\":[90,40,160.5,80]");
        TinyScenes.editLine(dir, 2, "\"box\":[90,40,120,80]", "\"box\":[90,40,80,80]");
        TinyScenes.editLine(dir, 3, "\"box\":[90,40,120,80]", "\"box\":[90,40,90,80]");
        List<SceneProblem> p = problems();
        assertThat(p).extracting(SceneProblem::line, SceneProblem::field).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "objects[1].box"),
            org.assertj.core.groups.Tuple.tuple(2, "objects[1].box"),
            org.assertj.core.groups.Tuple.tuple(3, "objects[1].box"));
        assertThat(p.get(0).message()).contains("160.5", "outside the 160x120 image");
        assertThat(p.get(1).message()).startsWith("inverted");
        assertThat(p.get(2).message()).startsWith("empty");
    }

    @Test
    void framesOutOfOrder() throws IOException {
        List<String> lines = TinyScenes.lines(dir);
        TinyScenes.writeLines(dir, List.of(lines.get(0), lines.get(2), lines.get(1)));
        List<SceneProblem> p = problems();
        assertThat(p).filteredOn(x -> x.field().equals("index")).extracting(SceneProblem::line).containsExactly(2, 3);
        assertThat(show(p)).contains(":2: index: frame index 2 out of order: line 2 must hold frame 1")
            .contains(":3: timestamp_ns: 66666667 is not after the previous frame's 133333334");
    }

    @Test
    void expressionTargetsMustExistAndMatchTheirKind() throws IOException {
        TinyScenes.editLine(dir, 1, "\"kind\":\"attribute\",\"target_id\":1", "\"kind\":\"attribute\",\"target_id\":7");
        TinyScenes.editLine(dir, 2, "\"kind\":\"no_target\",\"target_id\":null", "\"kind\":\"no_target\",\"target_id\":5");
        TinyScenes.editLine(dir, 3, "\"kind\":\"relational\",\"target_id\":2", "\"kind\":\"relational\",\"target_id\":null");
        assertThat(problems()).containsExactly(
            new SceneProblem(annotations, 1, "expressions[0].target_id", "target 7 is not among this frame's objects [1, 2]"),
            new SceneProblem(annotations, 2, "expressions[2].target_id", "kind no_target must have target_id null, got 5"),
            new SceneProblem(annotations, 3, "expressions[1].target_id", "kind relational needs a target, got null"));
    }

    @Test
    void frameImagesMissingCorruptTruncatedOrWrongSize() throws IOException {
        Path f0 = dir.resolve("frames/000000.jpg");
        Path f1 = dir.resolve("frames/000001.jpg");
        Path f2 = dir.resolve("frames/000002.jpg");
        byte[] good = Files.readAllBytes(f1);
        Files.delete(f0);
        Files.write(f1, Arrays.copyOf(good, good.length / 2));
        // Complete markers, garbage between: only a decode can tell.
        byte[] garbage = new byte[good.length];
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[garbage.length - 2] = (byte) 0xFF;
        garbage[garbage.length - 1] = (byte) 0xD9;
        Files.write(f2, garbage);
        Files.write(dir.resolve("frames/000009.jpg"), good);
        assertThat(problems()).containsExactly(
            new SceneProblem(f0, 0, "", "missing frame image"),
            new SceneProblem(f1, 0, "", "truncated JPEG (no EOI marker FFD9 at the end)"),
            new SceneProblem(f2, 0, "", "corrupt image: OpenCV cannot decode its " + good.length + " bytes"),
            new SceneProblem(dir.resolve("frames/000009.jpg"), 0, "", "stray file: not frame 0..2 in format jpg"));
    }

    @Test
    void anImageOfTheWrongSize() throws IOException {
        Path other = TinyScenes.write(tmp.resolve("other"), 1, "jpg");
        TinyScenes.editSceneJson(dir, "\"width\": 160", "\"width\": 200");
        TinyScenes.editSceneJson(dir, "\"cx\": 79.5", "\"cx\": 99.5");
        assertThat(show(problems())).contains("000000.jpg: image is 160x120 but the camera is 200x120");
        assertThat(new SceneValidator().validate(other).problems()).isEmpty();
    }

    @Test
    void frameCountMismatch() throws IOException {
        TinyScenes.editSceneJson(dir, "\"frame_count\": 3", "\"frame_count\": 4");
        assertThat(problems()).containsExactly(
            new SceneProblem(annotations, 0, "", "has 3 lines but scene.json frame_count is 4"),
            new SceneProblem(dir.resolve("frames/000003.jpg"), 0, "", "missing frame image"));
    }

    @Test
    void aHugeFrameCountDoesNotListEveryMissingImage() throws IOException {
        TinyScenes.editSceneJson(dir, "\"frame_count\": 3", "\"frame_count\": 2000");
        List<SceneProblem> p = problems();
        assertThat(p).hasSize(2 + SceneValidator.MAX_MISSING_LISTED);
        assertThat(p.get(p.size() - 1)).isEqualTo(new SceneProblem(dir.resolve("frames"), 0, "",
            (2000 - 3 - SceneValidator.MAX_MISSING_LISTED) + " more frame images missing (" + (2000 - 3) + " in all)"));
    }

    @Test
    void sceneJsonProblemsAreAllReportedWithTheirFields() throws IOException {
        Path sceneJson = dir.resolve(SceneLayout.SCENE_JSON);
        TinyScenes.editSceneJson(dir, "\"fps\": 15", "\"fps\": 0");
        TinyScenes.editSceneJson(dir, "\"split\": \"demo\"", "\"split\": \"training\"");
        TinyScenes.editSceneJson(dir, "\"frame_format\": \"jpg\"", "\"frame_format\": \"bmp\"");
        TinyScenes.editSceneJson(dir, "\"name\": \"tiny\",\n  \"split\"", "\"split\"");
        List<SceneProblem> p = problems();
        assertThat(p).containsExactly(
            new SceneProblem(sceneJson, 0, "name", "missing"),
            new SceneProblem(sceneJson, 0, "split", "must be one of train, val, test, demo; got \"training\""),
            new SceneProblem(sceneJson, 0, "fps", "must be positive, got 0.0"),
            new SceneProblem(sceneJson, 0, "frame_format", "must be one of " + SceneLayout.FRAME_FORMATS + ", got \"bmp\""));
    }

    @Test
    void malformedSceneJsonStillLetsTheAnnotationsBeChecked() throws IOException {
        Files.writeString(dir.resolve(SceneLayout.SCENE_JSON), "{\n  \"format_version\": 1,\n  \"name\": \n");
        TinyScenes.editLine(dir, 2, "\"id\":5,", "\"id\":2,");
        List<SceneProblem> p = problems();
        assertThat(p).hasSize(2);
        assertThat(p.get(0).toString()).startsWith(dir.resolve("scene.json") + ": malformed JSON at line 4");
        assertThat(p.get(1).line()).isEqualTo(2);
    }

    @Test
    void missingFilesAndFolder() throws IOException {
        Files.delete(annotations);
        Files.delete(dir.resolve(SceneLayout.SCENE_JSON));
        assertThat(problems()).containsExactly(
            new SceneProblem(dir.resolve("scene.json"), 0, "", "missing"),
            new SceneProblem(annotations, 0, "", "missing"));
        assertThat(new SceneValidator().validate(tmp.resolve("nope")).problems()).hasSize(1);
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws IOException {
        TinyScenes.editLine(dir, 1, "\"truncated\":false", "\"truncated\":null");
        TinyScenes.editLine(dir, 2, "\"colour\":\"red\"", "\"colour\":\"\"");
        TinyScenes.editLine(dir, 3, "\"timestamp_ns\":133333334", "\"timestamp_ns\":-5");
        Files.delete(dir.resolve("frames/000002.jpg"));
        assertThat(problems()).extracting(SceneProblem::line, SceneProblem::field).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "objects[0].truncated"),
            org.assertj.core.groups.Tuple.tuple(2, "objects[0].colour"),
            org.assertj.core.groups.Tuple.tuple(3, "timestamp_ns"),
            org.assertj.core.groups.Tuple.tuple(0, ""));
    }

    @Test
    void withoutDecodingTruncationIsStillCaught() throws IOException {
        Path f1 = dir.resolve("frames/000001.jpg");
        byte[] good = Files.readAllBytes(f1);
        Files.write(f1, Arrays.copyOf(good, good.length - 10));
        ValidationReport r = new SceneValidator(false).validate(dir);
        assertThat(r.problems()).containsExactly(new SceneProblem(f1, 0, "", "truncated JPEG (no EOI marker FFD9 at the end)"));
    }
}
