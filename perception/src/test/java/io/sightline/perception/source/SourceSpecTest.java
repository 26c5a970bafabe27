package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSpecTest {
    @TempDir
    Path tmp;

    private final Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 2, 1);

    private FrameSource create(String spec) {
        return FrameSources.create(SourceSpec.parse(spec), SourceOptions.live("front", false).withBackoff(backoff)
            .withGstSize(32, 24)).source();
    }

    @Test
    void picksTheSourceKindFromTheString() throws Exception {
        ReplayFixtures.scene(tmp.resolve("scene"), 1, 10);
        Files.createDirectories(tmp.resolve("images"));
        Files.write(tmp.resolve("images/a.png"), new byte[] {1});
        Files.write(tmp.resolve("clip.avi"), new byte[] {1});
        Files.write(tmp.resolve("one.png"), new byte[] {1});
        assertThat(SourceSpec.parse("0").kind()).isEqualTo(SourceSpec.Kind.DEVICE);
        assertThat(SourceSpec.parse("/dev/video3").kind()).isEqualTo(SourceSpec.Kind.DEVICE);
        assertThat(SourceSpec.parse("rtsp://10.0.0.5/stream").kind()).isEqualTo(SourceSpec.Kind.STREAM);
        assertThat(SourceSpec.parse(" GST:videotestsrc ").gstPipeline()).isEqualTo("videotestsrc");
        assertThat(SourceSpec.parse(tmp.resolve("scene").toString()).kind()).isEqualTo(SourceSpec.Kind.SCENE);
        assertThat(SourceSpec.parse(tmp.resolve("images").toString()).kind()).isEqualTo(SourceSpec.Kind.IMAGES);
        assertThat(SourceSpec.parse(tmp.resolve("one.png").toString()).kind()).isEqualTo(SourceSpec.Kind.IMAGES);
        assertThat(SourceSpec.parse(tmp.resolve("clip.avi").toString()).kind()).isEqualTo(SourceSpec.Kind.VIDEO_FILE);
        Files.write(tmp.resolve("run.bin"), new byte[] {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n', 1});
        assertThat(SourceSpec.parse(tmp.resolve("run.bin").toString()).kind()).isEqualTo(SourceSpec.Kind.RECORDING);
        assertThat(SourceSpec.Kind.RECORDING.live()).isFalse();
        assertThat(SourceSpec.Kind.GSTREAMER.live()).isTrue();
        assertThat(SourceSpec.Kind.SCENE.live()).isFalse();
    }

    @Test
    void theFactoryMakesOneSourcePerKind() throws Exception {
        ReplayFixtures.scene(tmp.resolve("scene"), 1, 10);
        Files.createDirectories(tmp.resolve("images"));
        Files.write(tmp.resolve("images/a.png"), new byte[] {1});
        Files.write(tmp.resolve("clip.avi"), new byte[] {1});
        assertThat(create("0")).isInstanceOf(ReconnectingSource.class).extracting(FrameSource::describe).asString().contains("camera 0");
        assertThat(create("/dev/video3").describe()).contains("camera /dev/video3");
        assertThat(create("rtsp://10.0.0.5/stream").describe()).contains("rtsp://10.0.0.5/stream");
        assertThat(create("gst:videotestsrc").describe()).contains("gstreamer 'videotestsrc'");
        assertThat(create(tmp.resolve("scene").toString())).isInstanceOf(SceneReplaySource.class);
        assertThat(create(tmp.resolve("images").toString())).isInstanceOf(ImageFolderSource.class);
        assertThat(create(tmp.resolve("clip.avi").toString())).isInstanceOf(FfmpegSource.class);
        SourceSetup scene = FrameSources.create(SourceSpec.parse(tmp.resolve("scene").toString()),
            SourceOptions.live("front", true).withPrefetch(2));
        assertThat(scene.source()).isInstanceOf(PrefetchingSource.class);
        assertThat(scene.requireScene().frameCount()).isEqualTo(1);
        assertThatThrownBy(() -> FrameSources.create(SourceSpec.parse("0"), SourceOptions.live("front", false)).requireScene())
            .hasMessageContaining("not a scene folder");
    }

    @Test
    void relativePathsResolveAgainstTheBaseFolder() throws Exception {
        ReplayFixtures.scene(tmp.resolve("scenes/seq-000"), 1, 10);
        SourceSpec spec = SourceSpec.parse("scenes/seq-000", tmp);
        assertThat(spec.kind()).isEqualTo(SourceSpec.Kind.SCENE);
        assertThat(spec.path()).isEqualTo(tmp.resolve("scenes/seq-000"));
        assertThat(SourceSpec.parse("/dev/video0", tmp).uri()).isEqualTo("/dev/video0");
    }

    @Test
    void nonsenseIsRejectedWithTheSpecNamed() {
        assertThatThrownBy(() -> SourceSpec.parse(tmp.resolve("nothing-here").toString()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing-here")
            .hasMessageContaining("not a camera");
        assertThatThrownBy(() -> SourceSpec.parse("nothing-here", tmp)).hasMessageContaining(tmp.resolve("nothing-here").toString());
        assertThatThrownBy(() -> SourceSpec.parse(" ")).hasMessageContaining("frame source is empty");
        assertThatThrownBy(() -> SourceSpec.parse("0").path()).isInstanceOf(IllegalStateException.class);
    }

    /** A folder with neither scene.json nor images is a mistake (a wrong path, a scene without its scene.json). */
    @Test
    void aFolderWithoutSceneJsonOrImagesIsAnError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-scene"));
        Files.writeString(empty.resolve("annotations.jsonl"), "{}\n");
        assertThatThrownBy(() -> SourceSpec.parse(empty.toString()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no scene.json").hasMessageContaining("no images").hasMessageContaining(empty.toString());
        Files.write(empty.resolve("a.png"), new byte[] {1});
        assertThat(SourceSpec.parse(empty.toString()).kind()).isEqualTo(SourceSpec.Kind.IMAGES);
    }
}
