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
        return new SourceSpec(spec, 32, 24, false).create("front", backoff);
    }

    @Test
    void picksTheSourceKindFromTheString() throws Exception {
        ReplayFixtures.scene(tmp.resolve("scene"), 1, 10);
        Files.createDirectories(tmp.resolve("images"));
        Files.write(tmp.resolve("clip.avi"), new byte[] {1});
        assertThat(create("0")).isInstanceOf(ReconnectingSource.class).extracting(FrameSource::describe).asString().contains("camera 0");
        assertThat(create("/dev/video3").describe()).contains("camera /dev/video3");
        assertThat(create("rtsp://10.0.0.5/stream").describe()).contains("rtsp://10.0.0.5/stream");
        assertThat(create("gst:videotestsrc").describe()).contains("gstreamer 'videotestsrc'");
        assertThat(create(tmp.resolve("scene").toString())).isInstanceOf(SceneReplaySource.class);
        assertThat(create(tmp.resolve("images").toString())).isInstanceOf(ImageFolderSource.class);
        assertThat(create(tmp.resolve("clip.avi").toString())).isInstanceOf(VideoFileSource.class);
    }

    @Test
    void nonsenseIsRejectedWithTheSpecNamed() {
        assertThatThrownBy(() -> create(tmp.resolve("nothing-here").toString()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing-here");
        assertThatThrownBy(() -> new SourceSpec(" ", 1, 1, false)).hasMessageContaining("frame source is empty");
    }
}
