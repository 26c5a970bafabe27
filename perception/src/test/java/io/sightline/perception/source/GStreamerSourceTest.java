package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GStreamerSourceTest {
    @BeforeAll
    static void needsGstLaunch() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "gst-launch-1.0")));
        Assumptions.assumeTrue(found, "gst-launch-1.0 not installed (apt-get install gstreamer1.0-tools gstreamer1.0-plugins-base)");
    }

    @Test
    void readsRawBgrFramesFromVideotestsrc() {
        // pattern=white: every pixel 255 once converted to BGR (pattern 3).
        try (GStreamerSource s = new GStreamerSource("videotestsrc num-buffers=7 pattern=white", 32, 24, "front")) {
            s.open();
            int n = 0;
            while (true) {
                var f = s.next();
                if (f.isEmpty()) {
                    break;
                }
                try (Frame frame = f.get()) {
                    assertThat(frame.width()).isEqualTo(32);
                    assertThat(frame.height()).isEqualTo(24);
                    assertThat(frame.seq()).isEqualTo(n);
                    assertThat(frame.image().ptr(23, 31).get() & 0xff).isGreaterThan(230);
                }
                n++;
            }
            assertThat(n).isEqualTo(7);
            assertThat(s.status().state()).isEqualTo(SourceState.ENDED);
        }
    }

    @Test
    void brokenPipelineFailsWithGstreamersMessage() {
        try (GStreamerSource s = new GStreamerSource("no-such-element-sightline", 32, 24, "front")) {
            s.open();
            assertThatThrownBy(s::next).isInstanceOf(SourceException.class)
                .hasMessageContaining("exited with status").hasMessageContaining("no-such-element-sightline");
            assertThat(s.status().state()).isEqualTo(SourceState.DEGRADED);
        }
    }

    @Test
    void missingLauncherSaysWhatToInstall() {
        try (GStreamerSource s = new GStreamerSource("videotestsrc", 32, 24, "front", "/nonexistent/gst-launch-1.0")) {
            assertThatThrownBy(s::open).isInstanceOf(SourceException.class).hasMessageContaining("gstreamer1.0-tools");
        }
    }
}
