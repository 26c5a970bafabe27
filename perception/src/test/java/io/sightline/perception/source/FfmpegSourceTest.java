package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FfmpegSourceTest {
    @TempDir
    Path tmp;

    private static FfmpegSource file(Path p, ReplayPacing pacing, boolean loop) {
        return new FfmpegSource(p.toString(), "front", StreamOptions.defaults(), pacing, loop, 0);
    }

    /** Frames until the end (or max), closing each; their capture times. */
    private static List<Long> drain(FrameSource s, int max) {
        List<Long> captures = new ArrayList<>();
        while (captures.size() < max) {
            Optional<Frame> f = s.next();
            if (f.isEmpty()) {
                break;
            }
            try (Frame frame = f.get()) {
                captures.add(frame.captureNanos());
            }
        }
        return captures;
    }

    @Test
    void decodesOpenCvsDivxSample() {
        assumeTrue(Files.isRegularFile(MediaTools.VTEST), MediaTools.VTEST + " is missing (Debian: apt-get install opencv-doc)");
        try (FfmpegSource s = file(MediaTools.VTEST, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            s.open();
            assertThat(s.info().codec()).isEqualTo("msmpeg4v3");
            assertThat(s.info().width()).isEqualTo(768);
            assertThat(s.info().height()).isEqualTo(576);
            assertThat(s.info().fps()).isGreaterThan(0);
            Frame first = s.next().orElseThrow();
            try (first) {
                assertThat(first.width()).isEqualTo(768);
                assertThat(first.image().channels()).isEqualTo(3);
            }
            assertThat(drain(s, 2000).size() + 1).isEqualTo(795);
            assertThat(s.status().state()).isEqualTo(SourceState.ENDED);
            assertThat(s.status().skipped()).isZero();
        }
    }

    @Test
    void decodesAnH264Mp4EveryFrameAndReportsIt() throws Exception {
        Path mp4 = MediaTools.clip(tmp.resolve("clip.mp4"), 25, 2, "-c:v", "libx264", "-pix_fmt", "yuv420p");
        try (FfmpegSource s = file(mp4, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            s.open();
            assertThat(s.info()).isEqualTo(new SourceInfo(mp4.toString(), 320, 240, 25.0, "h264"));
            assertThat(drain(s, 1000)).hasSize(50);
            assertThat(s.next()).isEmpty();
            assertThat(s.status().state()).isEqualTo(SourceState.ENDED);
            assertThat(s.status().delivered()).isEqualTo(50);
        }
    }

    @Test
    void aFilePacedAtItsOwnRateLoops() throws Exception {
        Path avi = MediaTools.clip(tmp.resolve("clip.avi"), 20, 0.5, "-c:v", "mjpeg");
        try (FfmpegSource s = file(avi, ReplayPacing.RECORDED_FPS, true)) {
            s.open();
            List<Long> t = drain(s, 25); // 10 frames per pass at 20 fps: two passes and a half
            assertThat(t).hasSize(25);
            for (int i = 1; i < t.size(); i++) {
                // capture times are the release times: exactly one frame period apart, across the loop too
                assertThat(t.get(i) - t.get(i - 1)).as("frame %d", i).isBetween(49_000_000L, 51_000_000L);
            }
            assertThat(s.status().state()).isEqualTo(SourceState.STREAMING);
        }
    }

    @Test
    void corruptBytesInTheMiddleAreSkippedAndCountedAndTheRestPlays() throws Exception {
        Path avi = MediaTools.clip(tmp.resolve("clip.avi"), 25, 2, "-c:v", "mjpeg", "-q:v", "5");
        int clean;
        try (FfmpegSource s = file(avi, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            s.open();
            clean = drain(s, 1000).size();
        }
        long size = Files.size(avi);
        try (RandomAccessFile f = new RandomAccessFile(avi.toFile(), "rw")) {
            byte[] junk = new byte[4000];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) (i * 37 + 11);
            }
            f.seek(size / 2);
            f.write(junk);
        }
        try (FfmpegSource s = file(avi, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            s.open();
            int played = drain(s, 1000).size();
            SourceStatus st = s.status();
            assertThat(st.skipped()).as("skipped frames").isPositive();
            assertThat(played).as("frames after the damage still play").isGreaterThan(clean * 3 / 4);
            assertThat(played + st.skipped()).isLessThanOrEqualTo(clean + 1);
            assertThat(st.state()).isEqualTo(SourceState.ENDED);
            assertThat(st.reason()).contains("clip.avi");
        }
    }

    @Test
    void aFileThatIsNotAVideoFailsToOpenNamingIt() throws Exception {
        Path junk = tmp.resolve("junk.avi");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (FfmpegSource s = file(junk, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            assertThatThrownBy(s::open).isInstanceOf(SourceException.class).hasMessageContaining("junk.avi");
            assertThat(s.status().state()).isEqualTo(SourceState.FAILED);
        }
    }

    @Test
    void aStreamThatDoesNotAnswerFailsWithinItsTimeoutWithoutCredentials() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StreamOptions o = new StreamOptions(StreamOptions.RtspTransport.TCP, java.time.Duration.ofMillis(800),
                java.time.Duration.ofMillis(800), true, 0);
            String url = "rtsp://admin:secret@127.0.0.1:" + silent.getLocalPort() + "/x";
            try (FfmpegSource s = new FfmpegSource(url, "front", o, ReplayPacing.AS_FAST_AS_POSSIBLE, false, 0)) {
                long t0 = System.nanoTime();
                assertThatThrownBy(s::open).isInstanceOf(SourceException.class)
                    .hasMessageContaining("127.0.0.1").hasMessageNotContaining("secret").hasMessageNotContaining("admin");
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
                assertThat(s.describe()).isEqualTo("stream rtsp://***@127.0.0.1:" + silent.getLocalPort() + "/x");
                assertThat(s.info().uri()).doesNotContain("secret");
            }
        }
    }

    /**
     * An http:// Motion-JPEG stream from a real server (Debian's ffmpeg serving multipart/x-mixed-replace JPEGs of a
     * 30-frame clip at its rate, {@code -f mpjpeg -listen 1}): every frame arrives once, the source reports the stream,
     * and the server's end leaves it RECONNECTING with the reason.
     */
    @Test
    void anHttpMjpegStreamFromARealServerDeliversEveryFrame() throws Exception {
        Path avi = MediaTools.clip(tmp.resolve("cam.avi"), 10, 3, "-c:v", "mjpeg");
        int port = RtspReconnectTest.freePort();
        String url = "http://cam:pw@127.0.0.1:" + port + "/x.mjpg";
        Process server = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-i", avi.toString(),
            "-c", "copy", "-f", "mpjpeg", "-listen", "1", "http://127.0.0.1:" + port + "/x.mjpg")
            .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
        // the server listens once it has read its input: refused connections before then are retried with backoff;
        // low latency off: with it (fflags nobuffer) the packets read while probing the stream are dropped (29 of 30 here)
        SourceOptions o = SourceOptions.live("front", false)
            .withBackoff(new Backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(200), 2, 0))
            .withStream(new StreamOptions(StreamOptions.RtspTransport.TCP, java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(5), false, 0));
        FrameSource source = FrameSources.create(SourceSpec.parse(url), o).source();
        List<Integer> widths = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            source.open();
            while (!stop.get()) {
                source.next().ifPresent(f -> {
                    widths.add(f.width());
                    f.close();
                });
            }
        }, "mjpeg-reader");
        try {
            reader.start();
            assertThat(server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the server ends after its 30 frames").isTrue();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (source.status().state() != SourceState.RECONNECTING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            SourceStatus after = source.status();
            assertThat(after.state()).as("%s", after).isEqualTo(SourceState.RECONNECTING);
            assertThat(after.reason()).contains("127.0.0.1").doesNotContain("pw");
            assertThat(after.delivered()).as("%s", after).isEqualTo(30);
            assertThat(widths).hasSize(30).containsOnly(320);
            assertThat(source.info()).isEqualTo(new SourceInfo("http://***@127.0.0.1:" + port + "/x.mjpg", 320, 240,
                source.info().fps(), "mjpeg"));
            assertThat(after.skipped()).isZero();
        } finally {
            stop.set(true);
            server.destroyForcibly();
            source.close();
            reader.join(5000);
        }
    }
}
