package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real RTSP server on loopback (GStreamer's RTSP server, H.264): frames arrive, the server is killed mid-stream
 * and restarted on the same port, the source goes RECONNECTING with the reason and streams again.
 */
@Timeout(40)
class RtspReconnectTest {
    @TempDir
    Path tmp;

    /** The server script, started with /usr/bin/python3 (Debian's, which has python3-gi). */
    static final class RtspServer implements AutoCloseable {
        private final Process process;

        RtspServer(Path script, int port) throws Exception {
            process = new ProcessBuilder(python(), script.toString(), String.valueOf(port)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                process.destroyForcibly();
                throw new IllegalStateException("RTSP server did not start: " + line);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }

    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Whether python3-gi with GstRtspServer, x264enc and rtph264pay are installed. */
    static Optional<String> missingServerParts() throws Exception {
        Process p = new ProcessBuilder(python(), "-c", "import gi; gi.require_version('Gst','1.0');"
            + " gi.require_version('GstRtspServer','1.0'); from gi.repository import Gst, GstRtspServer; Gst.init(None);"
            + " import sys; sys.exit(0 if Gst.ElementFactory.find('x264enc') and Gst.ElementFactory.find('rtph264pay') else 3)")
            .redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Optional.of("python3-gi did not answer");
        }
        return p.exitValue() == 0 ? Optional.empty() : Optional.of("GStreamer's RTSP server is not installed (Debian: apt-get install"
            + " python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-ugly gstreamer1.0-plugins-good)");
    }

    static Path script(Path dir) throws Exception {
        Path s = dir.resolve("rtsp_server.py");
        try (var in = RtspReconnectTest.class.getResourceAsStream("rtsp_server.py")) {
            Files.copy(in, s);
        }
        return s;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void killedAndRestartedServerReconnectsAndFramesFlowAgain() throws Exception {
        Optional<String> missing = missingServerParts();
        assumeTrue(missing.isEmpty(), missing.orElse(""));
        Path script = script(tmp);
        int port = freePort();
        String url = "rtsp://viewer:hunter2@127.0.0.1:" + port + "/test";
        SourceOptions o = SourceOptions.live("front", false)
            .withBackoff(new Backoff(Duration.ofMillis(200), Duration.ofMillis(400), 2, 0))
            .withStream(new StreamOptions(StreamOptions.RtspTransport.TCP, Duration.ofSeconds(3), Duration.ofSeconds(1), true, 0));
        RtspServer server = new RtspServer(script, port);
        FrameSource source = FrameSources.create(SourceSpec.parse(url), o).source();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            source.open();
            while (!stop.get()) {
                source.next().ifPresent(Frame::close);
            }
        }, "rtsp-test-reader");
        try {
            reader.start();
            await(() -> source.status().delivered() >= 10, 10, "10 frames from the server");
            assertThat(source.status().state()).isEqualTo(SourceState.STREAMING);
            assertThat(source.info()).isEqualTo(new SourceInfo("rtsp://***@127.0.0.1:" + port + "/test", 320, 240, 30.0, "h264"));

            server.kill();
            await(() -> source.status().state() == SourceState.RECONNECTING, 10, "RECONNECTING after the server died");
            SourceStatus lost = source.status();
            assertThat(lost.reason()).contains("127.0.0.1").doesNotContain("hunter2");
            long atLoss = lost.delivered();

            server = new RtspServer(script, port);
            await(() -> source.status().delivered() >= atLoss + 5, 15, "5 frames after the restart");
            SourceStatus back = source.status();
            assertThat(back.state()).isEqualTo(SourceState.STREAMING);
            assertThat(back.reconnects()).isPositive();
            assertThat(source.info().codec()).isEqualTo("h264");
        } finally {
            stop.set(true);
            server.close(); // a blocked read ends at the read timeout
            reader.join(5000);
            source.close();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("%s within %d s", what, seconds).isTrue();
            Thread.sleep(20);
        }
    }
}
