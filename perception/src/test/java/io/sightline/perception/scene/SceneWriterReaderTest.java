package io.sightline.perception.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.calibration.camera.Vec3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneWriterReaderTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsInfoAndAnnotationsWithTheDocumentedRounding() {
        Scene scene = SceneReader.open(TinyScenes.write(tmp.resolve("s"), 3, "png"));

        SceneInfo expected = TinyScenes.info(3, "png");
        SceneInfo info = scene.info();
        assertThat(info.name()).isEqualTo("tiny");
        assertThat(info.frameCount()).isEqualTo(3);
        assertThat(info.generator()).isEqualTo(expected.generator());
        assertThat(info.camera().intrinsics().fx()).isEqualTo(150.123457);
        assertThat(info.camera().distortion()).isEqualTo(expected.camera().distortion());
        assertThat(info.camera().cameraToBase().translation()).isEqualTo(expected.camera().cameraToBase().translation());
        assertThat(info.camera().cameraToBase().qw()).isCloseTo(expected.camera().cameraToBase().qw(), within(1e-9));

        FrameAnnotation f1 = scene.annotation(1);
        FrameAnnotation written = TinyScenes.frame(1, "png");
        assertThat(f1.file()).isEqualTo("frames/000001.png");
        assertThat(f1.timestampNs()).isEqualTo(written.timestampNs());
        assertThat(f1.expressions()).isEqualTo(written.expressions());
        ObjectAnnotation cup = f1.objects().get(0);
        // boxes to 0.01 px, positions to 0.1 mm
        assertThat(cup.box()).isEqualTo(new Box2D(23.46, 30.46, 54.12, 70.0));
        assertThat(cup.position()).isEqualTo(new Vec3(0.6123, 0.1, 0.0));
        assertThat(f1.objects()).extracting(ObjectAnnotation::id).containsExactly(1, 2, 5);
        assertThat(f1.objects().get(2).truncated()).isTrue();
    }

    @Test
    void sameContentGivesByteIdenticalFiles() throws IOException {
        Path a = TinyScenes.write(tmp.resolve("a"), 3, "jpg");
        Path b = TinyScenes.write(tmp.resolve("b"), 3, "jpg");
        for (String f : List.of("scene.json", "annotations.jsonl", "frames/000000.jpg", "frames/000002.jpg")) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
    }

    @Test
    void rewritingWhatWasReadGivesTheSameBytes() throws IOException {
        Path a = TinyScenes.write(tmp.resolve("a"), 2, "png");
        Scene scene = SceneReader.open(a);
        try (SceneWriter w = SceneWriter.create(tmp.resolve("b"), scene.info());
             Stream<FrameAnnotation> frames = scene.frames()) {
            frames.forEach(f -> w.writeFrame(FrameImages.readBytes(scene.framePath(f.index())), f));
        }
        assertThat(Files.readAllBytes(tmp.resolve("b/scene.json"))).isEqualTo(Files.readAllBytes(a.resolve("scene.json")));
        assertThat(Files.readAllBytes(tmp.resolve("b/annotations.jsonl"))).isEqualTo(Files.readAllBytes(a.resolve("annotations.jsonl")));
    }

    @Test
    void sceneJsonIsSnakeCaseWithPlainNumbers() throws IOException {
        String json = Files.readString(TinyScenes.write(tmp.resolve("s"), 1, "png").resolve("scene.json"));
        assertThat(json).startsWith("{\n  \"format_version\": 1,\n")
            .contains("\"frame_count\": 1", "\"frame_format\": \"png\"", "\"camera_to_base\"", "\"fx\": 150.123457",
                "\"model\": \"plumb_bob\"", "\"seed\": 42")
            .doesNotContain("E-", "\r");
        String line = Files.readAllLines(tmp.resolve("s/annotations.jsonl")).get(0);
        assertThat(line).startsWith("{\"index\":0,\"file\":\"frames/000000.png\",\"timestamp_ns\":0,")
            .contains("\"box\":[20.12,30.46,50.79,70]", "\"target_id\":null", "\"kind\":\"no_target\"", "\"held_out\":true");
    }

    @Test
    void streamsFramesInOrderAndReadsImages() {
        Scene scene = SceneReader.open(TinyScenes.write(tmp.resolve("s"), 4, "png"));
        try (Stream<FrameAnnotation> frames = scene.frames()) {
            assertThat(frames.map(FrameAnnotation::index)).containsExactly(0, 1, 2, 3);
        }
        assertThat(scene.framePath(3)).isEqualTo(tmp.resolve("s/frames/000003.png"));
        FrameAnnotation f = scene.annotation(2);
        int[] r = AnnotationPainter.pixelRect(f.objects().get(1).box());
        try (Mat image = scene.readImage(2); UByteIndexer px = image.createIndexer()) {
            assertThat(image.cols()).isEqualTo(TinyScenes.WIDTH);
            int[] blue = LabelColours.bgr("blue");
            int x = (r[0] + r[2]) / 2;
            int y = (r[1] + r[3]) / 2;
            assertThat(new int[] {px.get(y, x, 0), px.get(y, x, 1), px.get(y, x, 2)}).containsExactly(blue);
        }
    }

    @Test
    void writerRejectsFramesOutOfOrderOrMisnamedOrNonFinite() {
        try (SceneWriter w = SceneWriter.create(tmp.resolve("s"), TinyScenes.info(2, "png"))) {
            assertThatThrownBy(() -> w.writeFrame(new byte[] {1}, TinyScenes.frame(1, "png")))
                .hasMessageContaining("expected index 0, got 1");
            assertThatThrownBy(() -> w.writeFrame(new byte[] {1}, TinyScenes.frame(0, "jpg")))
                .hasMessageContaining("frames/000000.png");
            FrameAnnotation f = TinyScenes.frame(0, "png");
            ObjectAnnotation o = f.objects().get(0);
            FrameAnnotation nan = new FrameAnnotation(0, f.file(), 0, null, List.of(new ObjectAnnotation(o.id(), o.shape(), o.colour(),
                o.box(), new Vec3(Double.NaN, 0, 0), 0, o.size(), 1, false)), List.of());
            assertThatThrownBy(() -> w.writeFrame(new byte[] {1}, nan)).hasMessageContaining("position must be finite, got NaN");
            assertThat(w.framesWritten()).isZero();
        }
        assertThatThrownBy(() -> SceneWriter.create(tmp.resolve("s"), TinyScenes.info(2, "png")))
            .hasMessageContaining("not empty");
    }

    @Test
    void closeRecordsTheFramesActuallyWritten() {
        Path dir = tmp.resolve("s");
        try (SceneWriter w = SceneWriter.create(dir, TinyScenes.info(10, "png"))) {
            FrameAnnotation f = TinyScenes.frame(0, "png");
            try (Mat image = TinyScenes.image(f)) {
                w.writeFrame(image, f);
            }
        }
        assertThat(SceneReader.open(dir).frameCount()).isEqualTo(1);
        assertThat(new SceneValidator().validate(dir).problems()).isEmpty();
    }

    @Test
    void openingABrokenSceneJsonThrowsSceneFormatExceptionNamingFileAndField() throws IOException {
        Path dir = TinyScenes.write(tmp.resolve("s"), 1, "png");
        TinyScenes.editSceneJson(dir, "\"fx\": 150.123457", "\"fx\": -1");
        assertThatThrownBy(() -> SceneReader.open(dir))
            .isInstanceOf(SceneFormatException.class)
            .hasMessageContaining("scene.json: camera.intrinsics: focal lengths must be finite and positive");
        assertThatThrownBy(() -> SceneReader.open(tmp.resolve("nope")))
            .isInstanceOf(SceneFormatException.class).hasMessageContaining("no such directory");
    }
}
