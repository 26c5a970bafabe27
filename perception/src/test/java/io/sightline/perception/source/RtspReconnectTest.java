package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
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

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void killedAndRestartedServerReconnectsAndFramesFlowAgain() throws Exception {
        Optional<String> missing = LoopbackRtspServer.missingParts();
        assumeTrue(missing.isEmpty(), missing.orElse(""));
        int port = freePort();
        SourceOptions o = SourceOptions.live("front", false)
            .withBackoff(new Backoff(Duration.ofMillis(200), Duration.ofMillis(400), 2, 0))
            .withStream(new StreamOptions(StreamOptions.RtspTransport.TCP, Duration.ofSeconds(3), Duration.ofSeconds(1), true, 0));
        LoopbackRtspServer server = new LoopbackRtspServer(tmp, port, 320, 240, 30);
        String url = server.url("viewer:hunter2");
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

            server = new LoopbackRtspServer(tmp, port, 320, 240, 30);
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
