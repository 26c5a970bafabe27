package io.sightline.cli.bench;

import io.sightline.calibration.camera.CameraModels;
import io.sightline.cli.UserFacingException;
import io.sightline.cli.replay.ModelOptions;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.source.FfmpegSource;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.LatestFrameSlot;
import io.sightline.perception.source.LiveCapture;
import io.sightline.perception.source.LoopbackRtspServer;
import io.sightline.perception.source.ReplayPacing;
import io.sightline.perception.source.SourceOptions;
import io.sightline.perception.source.SourceSpec;
import io.sightline.perception.source.StreamOptions;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sightline bench decode}: FFmpeg decoding through {@link FfmpegSource} against the {@code ffmpeg} command line on
 * the same file and thread count, and an RTSP stream on loopback through the full pipeline.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Time video decoding against the ffmpeg command line, and an RTSP stream through the pipeline.",
    description = {
        "1. The file (default: vtest.avi of Debian's opencv-doc) decoded to BGR frames by the service's FFmpeg source, as "
            + "fast as it goes, against `ffmpeg -benchmark -threads N -i FILE -pix_fmt bgr24 -f null -` (the same decoding "
            + "and colour conversion) in alternating rounds; the best round of each: wall and CPU ms per frame, and the "
            + "ratios service / ffmpeg.",
        "2. Unless --no-rtsp: GStreamer's RTSP server on loopback (videotestsrc, H.264, --width x --height at --fps) "
            + "read by the service's stream source on its capture thread (latest frame wins) and run through the pack's "
            + "pipeline for --seconds: capture-to-result latency p50/p99 (from the frame's capture time, anchored at "
            + "arrival, to its result, ready to publish), frames processed and dropped, and the capture thread's share "
            + "of the process CPU (reading and decoding the stream).",
        "Exit codes: 0 ok, 1 a tool or the file is missing or fails, 2 usage error."})
public final class DecodeBenchCommand implements Callable<Integer> {
    private static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");
    private static final Pattern FRAMES = Pattern.compile("frame=\\s*(\\d+)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", paramLabel = "VIDEO", description = "video file to decode (default: " + "/usr/share/doc/opencv-doc/examples/data/vtest.avi)")
    Path file;

    @Option(names = "--decode-threads", defaultValue = "1", description = "decoder threads of both (default: ${DEFAULT-VALUE})")
    int decodeThreads;

    @Option(names = "--rounds", defaultValue = "3", description = "alternating rounds of the file part (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "the ffmpeg command line tool (default: ${DEFAULT-VALUE})")
    String ffmpeg;

    @Option(names = "--no-rtsp", description = "skip the RTSP part")
    boolean noRtsp;

    @Option(names = "--seconds", defaultValue = "20", description = "RTSP part: timed seconds after 3 s of warm-up (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--width", defaultValue = "640", description = "RTSP part: frame width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "480", description = "RTSP part: frame height (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--fps", defaultValue = "30", description = "RTSP part: stream rate (default: ${DEFAULT-VALUE})")
    int fps;

    @Mixin
    ModelOptions model;

    /** One timed decode of the whole file. */
    record Run(long frames, double wallSeconds, double cpuSeconds) {
        double wallMsPerFrame() {
            return wallSeconds * 1000 / frames;
        }

        double cpuMsPerFrame() {
            return cpuSeconds * 1000 / frames;
        }
    }

    @Override
    public Integer call() {
        if (decodeThreads < 1 || rounds < 1 || seconds <= 0 || width < 16 || height < 16 || fps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--decode-threads and --rounds must be >= 1, --seconds > 0, --width/--height >= 16, --fps >= 1");
        }
        Path video = file != null ? file : VTEST;
        if (!Files.isRegularFile(video)) {
            throw new UserFacingException("no video file " + video + (file == null ? " (Debian: apt-get install opencv-doc, or give --file)" : ""));
        }
        PrintWriter out = spec.commandLine().getOut();
        fileDecode(out, video);
        if (noRtsp) {
            return 0;
        }
        out.println();
        Optional<String> missing = LoopbackRtspServer.missingParts();
        if (missing.isPresent()) {
            out.println("rtsp part skipped: " + missing.get());
            out.flush();
            return 0;
        }
        rtsp(out);
        return 0;
    }

    private void fileDecode(PrintWriter out, Path video) {
        out.println("decode " + video + " (" + decodeThreads + " decoder thread" + (decodeThreads == 1 ? "" : "s")
            + ", to BGR; best of " + rounds + " alternating rounds)");
        out.flush();
        Run ours = null;
        Run cli = null;
        for (int r = 0; r < rounds; r++) {
            ours = best(ours, service(video));
            cli = best(cli, commandLine(video));
        }
        if (ours.frames() != cli.frames()) {
            out.println("  note: the service decoded " + ours.frames() + " frames, ffmpeg " + cli.frames());
        }
        out.println(String.format(Locale.ROOT, "  ffmpeg -benchmark    %8.3f ms/frame wall %8.3f ms/frame CPU   (baseline, %d frames)",
            cli.wallMsPerFrame(), cli.cpuMsPerFrame(), cli.frames()));
        out.println(String.format(Locale.ROOT, "  service FfmpegSource %8.3f ms/frame wall %8.3f ms/frame CPU   (%d frames)",
            ours.wallMsPerFrame(), ours.cpuMsPerFrame(), ours.frames()));
        out.println(String.format(Locale.ROOT, "  ratio service/ffmpeg %8.2fx wall         %8.2fx CPU", ours.wallMsPerFrame() / cli.wallMsPerFrame(),
            ours.cpuMsPerFrame() / cli.cpuMsPerFrame()));
        out.flush();
    }

    private static Run best(Run a, Run b) {
        return a == null || b.wallMsPerFrame() < a.wallMsPerFrame() ? b : a;
    }

    /** The whole file through the service's FFmpeg source, unpaced; the process CPU time spent meanwhile. */
    private Run service(Path video) {
        StreamOptions o = StreamOptions.defaults().withDecodeThreads(decodeThreads);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long n = 0;
        try (FfmpegSource s = new FfmpegSource(video.toString(), "bench", o, ReplayPacing.AS_FAST_AS_POSSIBLE, false, 0)) {
            s.open();
            for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) {
                f.get().close();
                n++;
            }
        }
        return new Run(n, (System.nanoTime() - t0) / 1e9, (processCpuNanos() - cpu0) / 1e9);
    }

    /** {@code ffmpeg -benchmark}'s utime + stime and rtime, and the frame count of its last progress line. */
    private Run commandLine(Path video) {
        List<String> cmd = List.of(ffmpeg, "-hide_banner", "-nostdin", "-benchmark", "-threads", String.valueOf(decodeThreads),
            "-i", video.toString(), "-map", "0:v:0", "-pix_fmt", "bgr24", "-f", "null", "-");
        String text;
        int exit;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UserFacingException(String.join(" ", cmd) + ": did not finish in 120 s");
            }
            exit = p.exitValue();
        } catch (IOException e) {
            throw new UserFacingException("cannot run " + ffmpeg + " (Debian: apt-get install ffmpeg): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted");
        }
        Matcher b = BENCH.matcher(text);
        if (exit != 0 || !b.find()) {
            throw new UserFacingException(String.join(" ", cmd) + " failed (exit " + exit + "): "
                + text.substring(Math.max(0, text.length() - 500)).strip());
        }
        long frames = 0;
        Matcher f = FRAMES.matcher(text);
        while (f.find()) {
            frames = Long.parseLong(f.group(1));
        }
        if (frames <= 0) {
            throw new UserFacingException(String.join(" ", cmd) + ": no frame count in its output");
        }
        return new Run(frames, Double.parseDouble(b.group(3)), Double.parseDouble(b.group(1)) + Double.parseDouble(b.group(2)));
    }

    private void rtsp(PrintWriter out) {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UserFacingException("no free port: " + e.getMessage());
        }
        Path work;
        try {
            work = Files.createTempDirectory("sightline-bench-rtsp");
        } catch (IOException e) {
            throw new UserFacingException("cannot make a temporary folder: " + e.getMessage());
        }
        try (VlmModel vlm = model.open();
             LoopbackRtspServer server = new LoopbackRtspServer(work, port, width, height, fps)) {
            out.println(String.format(Locale.ROOT, "rtsp %s (GStreamer RTSP server on loopback: videotestsrc %dx%d at %d fps, x264 zerolatency)"
                + " through the pipeline of %s, %.0f s after 3 s of warm-up", server.url(""), width, height, fps, vlm.describe(), seconds));
            out.flush();
            PerceptionPipeline pipeline = PerceptionPipeline.forModel("bench", vlm, CameraModels.tabletop(width, height), TrackerConfig.defaults());
            SourceOptions o = SourceOptions.live("bench", false).withStream(StreamOptions.defaults().withDecodeThreads(decodeThreads));
            FrameSource source = FrameSources.create(SourceSpec.parse(server.url("")), o).source();
            String captureThread = "bench-rtsp-capture";
            List<Long> latencies = new ArrayList<>();
            long processed;
            long dropped;
            double captureCpu;
            double processCpu;
            double wall;
            try (LiveCapture capture = new LiveCapture(source, new LatestFrameSlot(), captureThread)) {
                runFor(capture, pipeline, 3, null);
                long drops0 = capture.slot().dropped();
                long thread0 = threadCpuNanos(captureThread);
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                processed = runFor(capture, pipeline, seconds, latencies);
                wall = (System.nanoTime() - t0) / 1e9;
                captureCpu = (threadCpuNanos(captureThread) - thread0) / 1e9;
                processCpu = (processCpuNanos() - cpu0) / 1e9;
                dropped = capture.slot().dropped() - drops0;
            }
            if (latencies.isEmpty()) {
                throw new UserFacingException("no frame from " + server.url("") + " in " + seconds + " s");
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            out.println(String.format(Locale.ROOT, "  capture-to-result p50 %7.1f ms   p99 %7.1f ms   (%d frames, %.1f fps processed, %d dropped by latest-frame-wins)",
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, processed, processed / wall, dropped));
            out.println(String.format(Locale.ROOT, "  CPU share of reading + decoding the stream %5.1f %%   (capture thread %.2f s of %.2f s process CPU in %.1f s;"
                + " %.2f cores in all)", 100 * captureCpu / processCpu, captureCpu, processCpu, wall, processCpu / wall));
            out.flush();
        } catch (IOException e) {
            throw new UserFacingException("RTSP server: " + e.getMessage());
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(work);
            } catch (IOException ignored) {
                // a temporary folder left behind
            }
        }
    }

    /** Processes the newest frames for {@code secs}; each one's capture-to-result time into {@code latencies} when given. */
    private static long runFor(LiveCapture capture, PerceptionPipeline pipeline, double secs, List<Long> latencies) {
        long end = System.nanoTime() + (long) (secs * 1e9);
        long n = 0;
        try {
            while (System.nanoTime() < end) {
                Optional<Frame> f = capture.slot().take(200, TimeUnit.MILLISECONDS);
                if (f.isEmpty()) {
                    if (!capture.running()) {
                        throw new UserFacingException("the RTSP capture stopped: " + capture.failure().map(Throwable::getMessage).orElse("ended"));
                    }
                    continue;
                }
                try (Frame frame = f.get()) {
                    pipeline.process(frame, 0, 0);
                    if (latencies != null) {
                        latencies.add(frame.ageNanos(System.nanoTime()));
                    }
                }
                n++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n;
    }

    private static double percentile(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the live thread of that name; 0 when there is none. */
    private static long threadCpuNanos(String name) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return Arrays.stream(mx.getThreadInfo(mx.getAllThreadIds())).filter(t -> t != null && name.equals(t.getThreadName()))
            .mapToLong(ThreadInfo::getThreadId).map(mx::getThreadCpuTime).filter(t -> t >= 0).sum();
    }
}
