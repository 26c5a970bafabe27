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
import io.sightline.transport.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine;
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

    @CommandLine.Mixin
    ServiceFlags flags;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "stop by itself after this long, e.g. 30s (default: run until Ctrl-C / SIGTERM)")
    Duration duration;

    @Option(names = "--no-status-line", description = "no live status line on stderr")
    boolean noStatusLine;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig c = flags.loadConfig();
        PrintWriter err = spec.commandLine().getErr();
        StatusLinePrinter line = new StatusLinePrinter(err, !noStatusLine, System.console() != null);
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.install(stop::countDown);
        // Before the service's threads start: an Error or a dead worker thread ends the process (FatalErrors).
        AtomicReference<PerceptionService> started = new AtomicReference<>();
        FatalErrors.install(() -> Optional.ofNullable(started.get()).ifPresent(PerceptionService::close));
        PerceptionService service = start(c, flags.environment(c, version(), line));
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
            http.ifPresent(h -> err.println("live view: http://" + c.http().host() + ":" + h.port() + "/  metrics: http://"
                + c.http().host() + ":" + h.port() + "/metrics  chat: http://" + c.http().host() + ":" + h.port() + "/v1/chat/completions"));
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
