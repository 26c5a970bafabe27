package io.sightline.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.cli.testing.CliRun;
import io.sightline.cli.testing.ShippedPack;
import io.sightline.perception.source.LoopbackRtspServer;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sightline run} on real media: an MJPEG .avi made by Debian's ffmpeg, paced at its own rate, not looping:
 * every frame is published once (counted on the broker) and its end ends run with exit 0; an image folder likewise
 * at --fps; {@code gst:videotestsrc} publishes detections; a real RTSP server killed mid-stream and restarted: the
 * status goes RECONNECTING with the reason, ONLINE again, and detections flow again.
 */
class RunSourcesTest {
    private static final String ROBOT = "srctest";

    @TempDir
    Path tmp;

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code sightline run --source SOURCE} and collects the DetectionFrames a plain Paho client receives. */
    private static List<DetectionFrame> run(String source, String duration, List<String> extra, CliRun[] result) throws Exception {
        return run(source, duration, extra, result, new CopyOnWriteArrayList<>());
    }

    /** As above, the status messages into {@code statuses}. */
    private static List<DetectionFrame> run(String source, String duration, List<String> extra, CliRun[] result,
                                            List<ServiceStatus> statuses) throws Exception {
        Optional<Path> pack = ShippedPack.find();
        assumeTrue(pack.isPresent(), "no model pack in models/tabletop-vlm");
        int port = RunCommandTest.freePort();
        List<String> args = new java.util.ArrayList<>(List.of("run", "--source", source, "--pack", pack.get().toString(),
            "--backend", "onnxruntime", "--embedded-broker-port", String.valueOf(port), "--robot-id", ROBOT,
            "--for", duration, "--no-status-line"));
        args.addAll(extra);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
        List<DetectionFrame> frames = new CopyOnWriteArrayList<>();
        MqttClient client = RunCommandTest.connectWhenUp("tcp://127.0.0.1:" + port, run);
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription("sightline/v1/" + ROBOT + "/detections/+", 1),
                    new MqttSubscription("sightline/v1/" + ROBOT + "/status", 1)},
                new IMqttMessageListener[] {(topic, msg) -> frames.add(DetectionFrame.parseFrom(msg.getPayload())),
                    (topic, msg) -> statuses.add(ServiceStatus.parseFrom(msg.getPayload()))});
            result[0] = run.get(120, TimeUnit.SECONDS);
            Thread.sleep(300);
        } finally {
            client.disconnectForcibly(1000, 1000, false);
            client.close();
        }
        return frames;
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void anMjpegAviIsPublishedOnceFramePerFrameAtItsRateAndItsEndEndsRun() throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed (Debian: apt-get install ffmpeg)");
        Path avi = tmp.resolve("clip.avi");
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i",
            "testsrc=size=320x240:rate=4", "-t", "3", "-c:v", "mjpeg", avi.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("ffmpeg made %s", avi).isTrue();
        CliRun[] r = new CliRun[1];
        long t0 = System.nanoTime();
        List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
        List<DetectionFrame> frames = run(avi.toString(), "90s", List.of("--no-loop"), r, statuses);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r[0].exitCode()).as(r[0].err()).isZero();
        assertThat(r[0].err()).contains("ended after 12 frames");
        // 12 frames at 4 fps, each published at most once, in order, up to the last: those the subscriber missed
        // were either dropped by latest-frame-wins (counted in dropped_frames; the CPU pipeline may fall behind
        // 4 fps on a shared machine) or published before it subscribed (seq below the first one received)
        List<Long> seqs = frames.stream().map(f -> f.getHeader().getSeq()).toList();
        assertThat(seqs).as(r[0].err()).isSorted().doesNotHaveDuplicates().last().isEqualTo(11L);
        DetectionFrame last = frames.get(frames.size() - 1);
        assertThat(frames.size() + last.getDroppedFrames()).isLessThanOrEqualTo(12);
        assertThat(frames.size() + last.getDroppedFrames() + seqs.get(0)).isGreaterThanOrEqualTo(12);
        assertThat(frames).allSatisfy(f -> assertThat(f.getImageWidth()).isEqualTo(320));
        // capture stamps follow the file's rate: frame n at n / 4 s after frame 0
        DetectionFrame first = frames.get(0);
        long spanMs = millis(last) - millis(first);
        assertThat(spanMs).as("capture stamps at 4 fps").isBetween((11 - seqs.get(0)) * 250 - 5, (11 - seqs.get(0)) * 250 + 5);
        assertThat(seconds).isLessThan(90);
        // the status says what the source was: the file, its size, rate and codec, nothing skipped; then ENDED
        ServiceStatus ended = statuses.stream().filter(st -> st.getState() == ServiceState.SERVICE_STATE_ENDED).findFirst().orElseThrow();
        assertThat(ended.getSource().getUri()).isEqualTo(avi.toString());
        assertThat(ended.getSource().getWidth()).isEqualTo(320);
        assertThat(ended.getSource().getHeight()).isEqualTo(240);
        assertThat(ended.getSource().getFps()).isEqualTo(4.0);
        assertThat(ended.getSource().getCodec()).isEqualTo("mjpeg");
        assertThat(ended.getSource().getFramesSkipped()).isZero();
    }

    private static long millis(DetectionFrame f) {
        return f.getHeader().getStamp().getSeconds() * 1000 + f.getHeader().getStamp().getNanos() / 1_000_000;
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aGstreamerTestSourcePublishesDetections() throws Exception {
        assumeTrue(onPath("gst-launch-1.0"), "gst-launch-1.0 is not installed (Debian: apt-get install gstreamer1.0-tools"
            + " gstreamer1.0-plugins-base)");
        CliRun[] r = new CliRun[1];
        List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
        List<DetectionFrame> frames = run("gst:videotestsrc is-live=true ! video/x-raw,framerate=5/1", "8s", List.of(), r, statuses);
        assertThat(r[0].exitCode()).as(r[0].err()).isZero();
        ServiceStatus online = statuses.stream().filter(st -> st.getState() == ServiceState.SERVICE_STATE_ONLINE).findFirst().orElseThrow();
        assertThat(online.getSource().getUri()).isEqualTo("gst:videotestsrc is-live=true ! video/x-raw,framerate=5/1");
        assertThat(online.getSource().getWidth()).isEqualTo(640);
        assertThat(online.getSource().getFps()).isEqualTo(5.0);
        assertThat(online.getSource().getCodec()).isEqualTo("raw");
        assertThat(frames).as(r[0].err()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(frames).allSatisfy(f -> assertThat(f.getImageWidth()).isEqualTo(640));
    }

    /**
     * 20 images at --fps 10, no loop: the run publishes one DetectionFrame per image, in order, stamped 100 ms apart, and
     * ends with exit 0 (images the pipeline could not keep up with are counted as dropped, never published twice).
     */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void anImageFolderIsPublishedOnceFramePerImageAtItsFps() throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed (Debian: apt-get install ffmpeg)");
        Path folder = Files.createDirectories(tmp.resolve("images"));
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i",
            "testsrc=size=320x240:rate=10", "-frames:v", "20", folder.resolve("img%03d.jpg").toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("ffmpeg made the images").isTrue();
        CliRun[] r = new CliRun[1];
        List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
        List<DetectionFrame> frames = run(folder.toString(), "90s", List.of("--no-loop", "--fps", "10"), r, statuses);
        assertThat(r[0].exitCode()).as(r[0].err()).isZero();
        assertThat(r[0].err()).contains("ended after 20 frames");
        List<Long> seqs = frames.stream().map(f -> f.getHeader().getSeq()).toList();
        assertThat(seqs).as(r[0].err()).isSorted().doesNotHaveDuplicates().last().isEqualTo(19L);
        DetectionFrame last = frames.get(frames.size() - 1);
        assertThat(frames.size() + last.getDroppedFrames()).isLessThanOrEqualTo(20);
        assertThat(frames.size() + last.getDroppedFrames() + seqs.get(0)).isGreaterThanOrEqualTo(20);
        long spanMs = millis(last) - millis(frames.get(0));
        assertThat(spanMs).as("capture stamps at 10 fps").isBetween((19 - seqs.get(0)) * 100 - 5, (19 - seqs.get(0)) * 100 + 5);
        ServiceStatus ended = statuses.stream().filter(st -> st.getState() == ServiceState.SERVICE_STATE_ENDED).findFirst().orElseThrow();
        assertThat(ended.getSource().getUri()).isEqualTo(folder.toString());
        assertThat(ended.getSource().getWidth()).isEqualTo(320);
        assertThat(ended.getSource().getFps()).isEqualTo(10.0);
        assertThat(ended.getSource().getCodec()).isEmpty();
    }

    /**
     * The whole service on a real RTSP server (GStreamer's, H.264 on loopback): detections arrive, the status reports
     * the stream; the server is killed mid-stream: RECONNECTING with the reason, no credentials; restarted: ONLINE again,
     * one reconnect counted, detections flow again.
     */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aKilledAndRestartedRtspServerTakesTheServiceThroughReconnectingBackToOnline() throws Exception {
        Optional<String> missing = LoopbackRtspServer.missingParts();
        assumeTrue(missing.isEmpty(), missing.orElse(""));
        Optional<Path> pack = ShippedPack.find();
        assumeTrue(pack.isPresent(), "no model pack in models/tabletop-vlm");
        int rtspPort = RunCommandTest.freePort();
        LoopbackRtspServer server = new LoopbackRtspServer(tmp, rtspPort, 320, 240, 15);
        int port = RunCommandTest.freePort();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", "--source", server.url("viewer:hunter2"),
            "--pack", pack.get().toString(), "--backend", "onnxruntime", "--embedded-broker-port", String.valueOf(port),
            "--robot-id", ROBOT, "--for", "60s", "--no-status-line"));
        List<DetectionFrame> frames = new CopyOnWriteArrayList<>();
        List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
        MqttClient client = RunCommandTest.connectWhenUp("tcp://127.0.0.1:" + port, run);
        LoopbackRtspServer restarted = null;
        try {
            client.subscribe(new MqttSubscription[] {
                new MqttSubscription("sightline/v1/" + ROBOT + "/detections/+", 0), new MqttSubscription("sightline/v1/" + ROBOT + "/status", 1)},
                new IMqttMessageListener[] {
                    (topic, msg) -> frames.add(DetectionFrame.parseFrom(msg.getPayload())),
                    (topic, msg) -> statuses.add(ServiceStatus.parseFrom(msg.getPayload()))});
            await(() -> frames.size() >= 5, 50, "5 detection frames from the stream", run);
            ServiceStatus streaming = awaitStatus(statuses, st -> st.getState() == ServiceState.SERVICE_STATE_ONLINE
                && !st.getSource().getCodec().isEmpty(), 0, 10, run);
            assertThat(streaming.getSource().getUri()).isEqualTo("rtsp://***@127.0.0.1:" + rtspPort + "/test");
            assertThat(streaming.getSource().getCodec()).isEqualTo("h264");
            assertThat(streaming.getSource().getWidth()).isEqualTo(320);
            assertThat(streaming.getSource().getHeight()).isEqualTo(240);
            assertThat(streaming.getSource().getFps()).isEqualTo(15.0);

            server.kill();
            ServiceStatus lost = awaitStatus(statuses, st -> st.getState() == ServiceState.SERVICE_STATE_RECONNECTING, 0, 20, run);
            assertThat(String.join("; ", lost.getDegradedReasonsList())).contains("127.0.0.1").doesNotContain("hunter2");
            assertThat(lost.getSource().getCodec()).as("what the lost stream was stays shown").isEqualTo("h264");
            int lostAt = statuses.indexOf(lost);

            restarted = new LoopbackRtspServer(tmp, rtspPort, 320, 240, 15);
            ServiceStatus back = awaitStatus(statuses, st -> st.getState() == ServiceState.SERVICE_STATE_ONLINE, lostAt, 30, run);
            assertThat(back.getSource().getReconnects()).isEqualTo(1);
            int framesAtBack = frames.size();
            await(() -> frames.size() >= framesAtBack + 5, 20, "5 detection frames after the reconnect", run);
        } finally {
            client.disconnectForcibly(1000, 1000, false);
            client.close();
            server.close();
            if (restarted != null) {
                restarted.close();
            }
        }
        CliRun r = run.get(90, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("hunter2");
    }

    private static ServiceStatus awaitStatus(List<ServiceStatus> statuses, java.util.function.Predicate<ServiceStatus> wanted, int from, int seconds,
                                             CompletableFuture<CliRun> run) throws Exception {
        ServiceStatus[] hit = new ServiceStatus[1];
        try {
            await(() -> {
                for (int i = from; i < statuses.size(); i++) {
                    if (wanted.test(statuses.get(i))) {
                        hit[0] = statuses.get(i);
                        return true;
                    }
                }
                return false;
            }, seconds, "the status awaited", run);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; statuses seen: " + statuses.stream().map(ServiceStatus::getState).toList(), e);
        }
        return hit[0];
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds, String what, CompletableFuture<CliRun> run)
        throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (run.isDone()) {
                throw new AssertionError("run ended waiting for " + what + ": " + run.get().err());
            }
            assertThat(System.nanoTime() < deadline).as("%s within %d s", what, seconds).isTrue();
            Thread.sleep(50);
        }
    }
}
