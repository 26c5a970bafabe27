package io.sightline.cli.run;

import io.sightline.calibration.camera.CameraFileException;
import io.sightline.cli.UserFacingException;
import io.sightline.cli.mqtt.DurationConverter;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.scene.SceneFormatException;
import io.sightline.perception.service.PerceptionService;
import io.sightline.perception.service.ServiceException;
import io.sightline.perception.source.SourceStatus;
import io.sightline.runtime.select.BackendUnavailableException;
import io.sightline.http.ServiceHttpServer;
import io.sightline.service.ServiceAssembly;
import io.sightline.service.config.ServiceConfig;
import io.sightline.service.config.SourceSection;
import io.sightline.transport.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline run}: the main job. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Run the perception service: frames in, results over MQTT 5.",
    description = {
        "Run the perception service: frames from a scene, video or camera through the",
        "model pack (encode, detect, track, positions, relations, description),",
        "published over MQTT 5 under sightline/v1/{robot_id}/ (status, health,",
        "detections/{camera}, scene/{camera}, events/{camera}); grounding requests on",
        "ground/request are answered on the requester's response topic.",
        "Configuration: built-in defaults < --config FILE < SIGHTLINE_* environment",
        "variables < these flags (conf/sightline.yaml documents every key).",
        "Broker: --mqtt-url when given; else a broker answering on localhost:1883;",
        "else an embedded HiveMQ CE broker on 127.0.0.1 (mqtt.embedded_broker_port);",
        "--embedded-broker-port N always starts the embedded one on port N.",
        "With no flags: the bundled demo scene (scenes/seq-000) looped at its",
        "recorded rate on the shipped pack (models/tabletop-vlm), backend auto.",
        "A live status line (fps, latency p50, objects, drops, MQTT, backend) is",
        "redrawn on stderr. Ctrl-C / SIGTERM stops cleanly: source stopped,",
        "OFFLINE published (retained), broker closed.",
        "Exit codes: 0 stopped cleanly, 1 runtime error (bad pack, unreadable",
        "scene, broker port taken), 2 usage or configuration error, 70 a fatal",
        "error while running (OutOfMemoryError, a dead worker thread: OFFLINE is",
        "published when it can, and systemd restarts the service)."})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (e.g. conf/sightline.yaml)")
    Path config;

    @Option(names = "--mqtt-url", paramLabel = "URL", description = "broker tcp://host:port or ssl://host:port (mqtt.url)")
    String mqttUrl;

    @Option(names = "--embedded-broker-port", paramLabel = "N",
        description = "start the embedded HiveMQ CE broker on 127.0.0.1:N and use it (mqtt.force_embedded + mqtt.embedded_broker_port)")
    Integer embeddedBrokerPort;

    @Option(names = "--robot-id", paramLabel = "ID", description = "topic namespace sightline/v1/ID/ (mqtt.robot_id)")
    String robotId;

    static final class SourceChoice {
        @Option(names = "--scene", paramLabel = "DIR", description = "scene folder to replay at its recorded rate (source.uri)")
        Path scene;

        @Option(names = "--source", paramLabel = "URI",
            description = "scene or image folder, image, video file (any codec), /dev/videoN, device index, rtsp://...,"
                + " http(s)://... MJPEG or gst:<pipeline> (source.uri)")
        String source;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SourceChoice sourceChoice;

    @Option(names = "--camera-id", paramLabel = "ID", description = "camera id in topics and headers (source.camera_id)")
    String cameraId;

    @Option(names = "--loop", negatable = true, description = "play a scene, video or image folder again from the start"
        + " when it ends (source.loop; default true); with --no-loop its end ends run (exit 0)")
    Boolean loop;

    @Option(names = "--fps", paramLabel = "N", description = "rate of image folders (default 10) and video files (default their own) (source.fps)")
    Double fps;

    @Option(names = "--no-pacing", description = "recordings as fast as they decode instead of at their rate (source.pacing false)")
    boolean noPacing;

    @Option(names = "--rtsp-transport", paramLabel = "tcp|udp", description = "transport of rtsp:// sources (source.rtsp_transport)")
    String rtspTransport;

    @Option(names = "--backend", paramLabel = "auto|onnxruntime|tensorrt", description = "inference backend (model.backend)")
    String backend;

    @Option(names = "--precision", paramLabel = "fp32|int8", description = "vision encoder graph (model.precision)")
    String precision;

    @Option(names = "--pack", paramLabel = "DIR", description = "model pack folder (model.pack)")
    Path pack;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads; 0 = the vision encoder's"
        + " measured at start-up (model.threads; default 0)")
    Integer threads;

    @Option(names = "--camera-info", paramLabel = "FILE",
        description = "ROS camera_info YAML of a live camera (with --extrinsics; scenes use their own camera) (source.camera_info)")
    Path cameraInfo;

    @Option(names = "--extrinsics", paramLabel = "FILE", description = "camera-to-base_link extrinsics YAML (with --camera-info) (source.extrinsics)")
    Path extrinsics;

    @Option(names = "--http-port", paramLabel = "N", description = "serve /metrics (Prometheus) on http://127.0.0.1:N;"
        + " 0 = no HTTP port (http.port; default 0)")
    Integer httpPort;

    @Option(names = "--record", paramLabel = "FILE.mcap", description = "record every published message and the frames"
        + " to an MCAP file (open it in Foxglove; replay it with 'sightline replay FILE.mcap') (record.path)")
    Path record;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "stop by itself after this long, e.g. 30s (default: run until Ctrl-C / SIGTERM)")
    Duration duration;

    @Option(names = "--no-status-line", description = "no live status line on stderr")
    boolean noStatusLine;

    /** The flags as configuration overrides (key path -> value; null values are not applied). */
    Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("mqtt.url", mqttUrl);
        if (embeddedBrokerPort != null) {
            o.put("mqtt.force_embedded", "true");
            o.put("mqtt.embedded_broker_port", String.valueOf(embeddedBrokerPort));
        }
        o.put("mqtt.robot_id", robotId);
        if (sourceChoice != null) {
            o.put("source.uri", sourceChoice.scene != null ? absolute(sourceChoice.scene) : sourceFlag(sourceChoice.source));
        }
        o.put("source.camera_id", cameraId);
        o.put("source.loop", loop == null ? null : loop.toString());
        o.put("source.fps", fps == null ? null : fps.toString());
        o.put("source.pacing", noPacing ? "false" : null);
        o.put("source.rtsp_transport", rtspTransport);
        o.put("model.backend", backend);
        o.put("model.precision", precision);
        o.put("model.pack", pack == null ? null : absolute(pack));
        o.put("model.threads", threads == null ? null : threads.toString());
        o.put("source.camera_info", cameraInfo == null ? null : absolute(cameraInfo));
        o.put("source.extrinsics", extrinsics == null ? null : absolute(extrinsics));
        o.put("http.port", httpPort == null ? null : httpPort.toString());
        o.put("record.path", record == null ? null : absolute(record));
        return o;
    }

    /** --source: a file or folder that exists relative to the working directory becomes absolute; anything else as given. */
    private static String sourceFlag(String source) {
        if (source == null || source.contains(":")) {
            return source;
        }
        try {
            Path p = Path.of(source);
            return !p.isAbsolute() && java.nio.file.Files.exists(p) ? absolute(p) : source;
        } catch (java.nio.file.InvalidPathException e) {
            return source;
        }
    }

    /** Paths given as flags are relative to the working directory (configured ones to the installation). */
    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    ServiceConfig loadConfig() {
        try {
            return ServiceConfig.loader().load(config, System.getenv(), overrides());
        } catch (ConfigException e) {
            throw new UserFacingException(e.getMessage(), 2);
        }
    }

    /** A configured path: absolute as is, relative ones under the installation (or the working directory). */
    private static Path underHome(String configured) {
        Path p = Path.of(configured);
        return p.isAbsolute() || home() == null ? p : home().resolve(p);
    }

    /** The installation folder from the launcher ({@code -Dsightline.home}); null when run from a checkout. */
    public static Path home() {
        String h = System.getProperty("sightline.home");
        return h == null || h.isBlank() ? null : Path.of(h);
    }

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig c = loadConfig();
        PrintWriter err = spec.commandLine().getErr();
        StatusLinePrinter line = new StatusLinePrinter(err, !noStatusLine, System.console() != null);
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.install(stop::countDown);
        // Before the service's threads start: an Error or a dead worker thread ends the process (FatalErrors).
        AtomicReference<PerceptionService> started = new AtomicReference<>();
        FatalErrors.install(() -> Optional.ofNullable(started.get()).ifPresent(PerceptionService::close));
        Optional<SourceSection.Calibration> calibration = c.source().calibrationFiles();
        PerceptionService service = start(c, new ServiceAssembly.Environment(home(),
            calibration.map(f -> underHome(f.cameraInfo())), calibration.map(f -> underHome(f.extrinsics())), version(), line));
        started.set(service);
        Optional<ServiceHttpServer> http;
        try {
            http = ServiceAssembly.http(c, service);
        } catch (ServiceException e) {
            service.close();
            throw new UserFacingException(e.getMessage());
        }
        Thread hook = new Thread(() -> {
            http.ifPresent(ServiceHttpServer::close);
            service.close();
        }, "sightline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            err.println("sightline run: " + service.describe());
            err.println("topics: sightline/v1/" + c.mqtt().robotId() + "/#  (watch: sightline watch --mqtt-url "
                + service.broker().uri() + " --robot-id " + c.mqtt().robotId() + ")");
            http.ifPresent(h -> err.println("metrics: http://" + c.http().host() + ":" + h.port() + "/metrics"));
            err.flush();
            long deadline = System.nanoTime() + (duration == null ? 0 : duration.toNanos());
            while (!stop.await(duration == null ? 200 : Math.min(200, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS) && (duration == null || System.nanoTime() - deadline < 0)) {
                Optional<SourceStatus> ended = service.sourceEnded();
                if (ended.isPresent()) {
                    line.finish();
                    err.println("sightline run: source " + service.sourceInfo().uri() + " ended after "
                        + ended.get().delivered() + " frames (" + ended.get().skipped() + " skipped); use --loop to repeat it");
                    break;
                }
            }
        } finally {
            line.finish();
            err.println("sightline run: stopping");
            err.flush();
            http.ifPresent(ServiceHttpServer::close);
            service.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook finds the service closed
            }
        }
        return 0;
    }

    private static PerceptionService start(ServiceConfig config, ServiceAssembly.Environment env) {
        try {
            return ServiceAssembly.start(config, env);
        } catch (ServiceException | PackException | SceneFormatException | BackendUnavailableException
                 | CameraFileException | ConfigException e) {
            throw new UserFacingException(e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // e.g. the embedded broker's port is taken, a source that cannot be created
            throw new UserFacingException(e.getMessage());
        }
    }

    private static String version() {
        String v = RunCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Redraws the status line in place on a terminal; elsewhere (journal, pipes) prints it every
     * {@link #PLAIN_EVERY} seconds as an ordinary line.
     */
    static final class StatusLinePrinter implements Consumer<String> {
        static final int PLAIN_EVERY = 10;
        private final PrintWriter err;
        private final boolean enabled;
        private final boolean terminal;
        private int ticks;
        private boolean drawn;

        StatusLinePrinter(PrintWriter err, boolean enabled, boolean terminal) {
            this.err = err;
            this.enabled = enabled;
            this.terminal = terminal;
        }

        @Override
        public synchronized void accept(String status) {
            if (!enabled) {
                return;
            }
            if (terminal) {
                err.print("\r\033[K" + status);
                drawn = true;
            } else if (ticks++ % PLAIN_EVERY == 0) {
                err.println(status);
            }
            err.flush();
        }

        synchronized void finish() {
            if (drawn) {
                err.println();
                drawn = false;
            }
        }
    }
}
