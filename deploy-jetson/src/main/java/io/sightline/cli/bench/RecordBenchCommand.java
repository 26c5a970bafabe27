package io.sightline.cli.bench;

import io.sightline.cli.UserFacingException;
import io.sightline.cli.run.ServiceFlags;
import io.sightline.perception.mcap.McapWriter;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.service.PerceptionService;
import io.sightline.record.ProtobufSchemas;
import io.sightline.record.foxglove.CompressedImage;
import io.sightline.service.ServiceAssembly;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.broker.EmbeddedBroker;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline bench record}: MCAP recording against dd, and the pipeline with recording on against off. */
@Command(name = "record", mixinStandardHelpOptions = true,
    header = "Measure MCAP recording: write rate vs dd, pipeline fps with recording on vs off.",
    description = {
        "Two measurements, each with its baseline from the same run:",
        " - write rate: a recording of JPEG frames (foxglove.CompressedImage, 1 MiB chunks)",
        "   written with the recorder's MCAP writer and synced, vs dd if=/dev/zero bs=1M",
        "   conv=fsync of the same size to the same folder; best of --rounds each, alternating;",
        " - pipeline fps: the service on a scene, unpaced (as fast as it processes), for",
        "   --seconds with recording off, then on (messages and frames), alternating for",
        "   --rounds; the best of each (target: ratio >= 0.95)."})
public final class RecordBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "folder (disk) to write to (default: the working directory)")
    Path dir;

    @Option(names = "--mb", defaultValue = "128", description = "MiB written per write-rate round (default: ${DEFAULT-VALUE})")
    int mb;

    @Option(names = "--scene", paramLabel = "DIR", description = "scene for the fps part (default: the bundled demo scene)")
    Path scene;

    @Option(names = "--pack", paramLabel = "DIR", description = "model pack (default: the shipped one)")
    Path pack;

    @Option(names = "--seconds", defaultValue = "15", description = "measured seconds per fps round (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--rounds", defaultValue = "2", description = "alternating rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new UserFacingException("--dir " + dir + ": no such folder");
        }
        double mcap = 0;
        double dd = 0;
        for (int r = 0; r < rounds; r++) {
            mcap = Math.max(mcap, mcapRate());
            dd = Math.max(dd, ddRate());
        }
        out.println(String.format(Locale.ROOT, "write rate: MCAP recording %.1f MiB/s, dd %.1f MiB/s (same folder %s, %d MiB,"
            + " synced): ratio %.2f", mcap, dd, dir.toAbsolutePath().normalize(), mb, mcap / dd));
        out.flush();
        double off = 0;
        double on = 0;
        long dropped = 0;
        for (int r = 0; r < rounds; r++) {
            off = Math.max(off, fps(false).fps());
            Fps rec = fps(true);
            on = Math.max(on, rec.fps());
            dropped += rec.dropped();
        }
        out.println(String.format(Locale.ROOT, "pipeline: %.2f fps recording off, %.2f fps recording on (messages and frames):"
            + " ratio %.3f; %d recorded item(s) dropped (queue full)", off, on, on / off, dropped));
        out.flush();
        return 0;
    }

    /** MiB/s of the MCAP writer writing JPEG frames of the demo scene, synced to disk. */
    private double mcapRate() throws IOException {
        Path file = dir.resolve("sightline-bench-record.mcap");
        byte[] jpeg;
        try (Mat m = FrameImages.read(sceneDir().resolve("frames").resolve(firstFrame()))) {
            jpeg = FrameImages.encode(m, "jpg");
        }
        long target = (long) mb << 20;
        long t0 = System.nanoTime();
        try (McapWriter w = McapWriter.create(file, "sightline bench", 1 << 20)) {
            int schema = w.addSchema(CompressedImage.getDescriptor().getFullName(), ProtobufSchemas.ENCODING,
                ProtobufSchemas.fileDescriptorSet(CompressedImage.getDescriptor()));
            int channel = w.addChannel(schema, "camera/cam0/image", "protobuf", Map.of());
            for (long t = 0; w.bytesWritten() < target; t += 100_000_000L) {
                w.write(channel, t, t, CompressedImage.newBuilder().setFrameId("cam0").setFormat("jpeg")
                    .setData(ByteString.copyFrom(jpeg)).build().toByteArray());
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double rate = Files.size(file) / s / (1 << 20);
        Files.deleteIfExists(file);
        return rate;
    }

    private double ddRate() throws IOException, InterruptedException {
        Path file = dir.resolve("sightline-bench-dd.bin");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=" + mb, "conv=fsync")
            .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new UserFacingException("dd failed: " + text.strip());
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double rate = Files.size(file) / s / (1 << 20);
        Files.deleteIfExists(file);
        return rate;
    }

    private Path sceneDir() {
        return scene != null ? scene : under("scenes/seq-000", "test-scenes/demo/seq-000");
    }

    private String firstFrame() throws IOException {
        try (var files = Files.list(sceneDir().resolve("frames"))) {
            return files.map(f -> f.getFileName().toString()).sorted().findFirst()
                .orElseThrow(() -> new UserFacingException(sceneDir() + "/frames has no images"));
        }
    }

    /** A shipped folder: under the installation, else in a checkout. */
    private static Path under(String installed, String checkout) {
        Path home = ServiceFlags.home();
        if (home != null && Files.isDirectory(home.resolve(installed))) {
            return home.resolve(installed);
        }
        return Files.isDirectory(Path.of(checkout)) ? Path.of(checkout) : Path.of("..").resolve(checkout);
    }

    private record Fps(double fps, long dropped) {
    }

    /** The service unpaced on the scene, frames per second over {@link #seconds} after a warm-up. */
    private Fps fps(boolean record) throws Exception {
        Path file = dir.resolve("sightline-bench-run.mcap");
        Map<String, String> o = new HashMap<>();
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        try (broker) {
            o.put("mqtt.url", broker.uri());
            o.put("mqtt.robot_id", "bench" + (record ? "on" : "off"));
            o.put("source.uri", sceneDir().toAbsolutePath().normalize().toString());
            o.put("source.pacing", "false");
            o.put("model.pack", (pack != null ? pack : under("models/tabletop-vlm", "models/tabletop-vlm")).toAbsolutePath().toString());
            if (record) {
                o.put("record.path", file.toAbsolutePath().toString());
            }
            ServiceConfig c = ServiceConfig.loader().load(null, Map.of(), o);
            try (PerceptionService service = ServiceAssembly.start(c, new ServiceAssembly.Environment(null, Optional.empty(),
                    Optional.empty(), "bench", line -> { }))) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (service.metrics().frames() < 10 && System.nanoTime() < end) {
                    Thread.sleep(50); // warm-up: model loaded, first frames through
                }
                long f0 = service.metrics().frames();
                long t0 = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                double fps = (service.metrics().frames() - f0) / ((System.nanoTime() - t0) / 1e9);
                long dropped = 0;
                if (service.recorder() instanceof io.sightline.record.McapRecorder r) {
                    dropped = r.counters().droppedFrames() + r.counters().droppedMessages();
                    if (r.failure().isPresent()) {
                        throw new UserFacingException(r.failure().get());
                    }
                }
                return new Fps(fps, dropped);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
