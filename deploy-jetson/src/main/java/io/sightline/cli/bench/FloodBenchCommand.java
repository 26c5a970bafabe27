package io.sightline.cli.bench;

import io.sightline.cli.UserFacingException;
import io.sightline.cli.mqtt.DurationConverter;
import io.sightline.cli.run.ServiceFlags;
import io.sightline.perception.service.PerceptionService;
import io.sightline.service.ServiceAssembly;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.config.ConfigException;
import io.sightline.transport.mqtt.MqttSettings;
import org.eclipse.paho.mqttv5.common.MqttException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline bench flood}: the real service's detections before and during a grounding request flood. */
@Command(name = "flood", mixinStandardHelpOptions = true,
    header = "Run the service under a flood of grounding requests and measure fps and lateness.",
    description = {
        "Run the service (as sightline run: the demo scene on the shipped pack unless",
        "told otherwise, on its own embedded broker) and measure its detections before",
        "and during a flood of valid grounding requests (issue 25): frames per second",
        "and pipeline latency p50/p99 (DetectionFrame timings.total_ms) received by a",
        "client on the broker, the quiet window being the baseline (ratio = flood /",
        "baseline), and every answer timed against its request's deadline. The requests",
        "are spread over --requesters response topics, each under the per-requester",
        "rate limit, so they all reach the bounded request queue."})
public final class FloodBenchCommand implements Callable<Integer> {
    /** What an answer may arrive past its deadline before it counts as late (broker and scheduling). */
    static final Duration SLACK = Duration.ofMillis(500);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration, as sightline run")
    Path config;

    @Option(names = "--scene", paramLabel = "DIR", description = "scene folder (source.uri; default: the demo scene)")
    Path scene;

    @Option(names = "--pack", paramLabel = "DIR", description = "model pack folder (model.pack)")
    Path pack;

    @Option(names = "--backend", paramLabel = "auto|onnxruntime|tensorrt", description = "inference backend (model.backend)")
    String backend;

    @Option(names = "--before", defaultValue = "5s", converter = DurationConverter.class,
        description = "quiet window, the baseline (default: ${DEFAULT-VALUE})")
    Duration before;

    @Option(names = "--flood", defaultValue = "3s", converter = DurationConverter.class,
        description = "flood window (default: ${DEFAULT-VALUE})")
    Duration flood;

    @Option(names = "--rate", defaultValue = "3000", description = "requests a second offered (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--requesters", defaultValue = "200", description = "response topics the requests are spread over (default: ${DEFAULT-VALUE})")
    int requesters;

    @Option(names = "--deadline", defaultValue = "1s", converter = DurationConverter.class,
        description = "each request's deadline (default: ${DEFAULT-VALUE})")
    Duration deadline;

    @Override
    public Integer call() throws InterruptedException {
        if (rate < 1 || requesters < 1 || before.isZero() || flood.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate and --requesters >= 1, --before and --flood > 0");
        }
        ServiceConfig c = loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        try (PerceptionService service = ServiceAssembly.start(c, new ServiceAssembly.Environment(ServiceFlags.home(),
                Optional.empty(), Optional.empty(), "bench", line -> { }))) {
            out.println("service: " + service.describe());
            out.println("broker: " + service.broker().description());
            out.flush();
            MqttSettings tool = MqttSettings.tool(c.mqtt(), service.broker().uri(), "bench-flood");
            FloodBenchmark.Report r;
            try {
                r = new FloodBenchmark(tool, c.source().cameraId())
                        .run(new FloodBenchmark.Plan(before, flood, rate, requesters, deadline, Duration.ofSeconds(2)), SLACK);
            } catch (MqttException | IllegalStateException e) {
                throw new UserFacingException("bench flood: " + e.getMessage());
            }
            print(out, r);
            out.printf("pipeline: %d frames, %d dropped%n", service.metrics().frames(), service.metrics().dropped());
        }
        return 0;
    }

    static void print(PrintWriter out, FloodBenchmark.Report r) {
        out.println("detections, baseline (no requests): " + window(r.before()));
        out.println("detections, during the flood:       " + window(r.during()) + ", frames per second of it " + r.framesPerSecondOfFlood());
        out.printf("ratio flood / baseline: fps %.2f, p50 %.2f, p99 %.2f%n", r.during().fps() / r.before().fps(),
                r.during().latency().p50Ms() / r.before().latency().p50Ms(), r.during().latency().p99Ms() / r.before().latency().p99Ms());
        out.printf("requests: %d offered, %d published, %d answered %s, %d unanswered; %d answered later than deadline + %d ms "
                + "(latest answer %+d ms from its deadline)%n", r.offered(), r.published(), r.answered(), r.answers(),
                r.unanswered(), r.late(), SLACK.toMillis(), r.worstMarginMs());
    }

    private static String window(FloodBenchmark.Window w) {
        return String.format("%d frames in %.1f s = %.1f fps, pipeline p50 %.1f ms, p99 %.1f ms", w.frames(), w.seconds(), w.fps(),
                w.latency().p50Ms(), w.latency().p99Ms());
    }

    private ServiceConfig loadConfig() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("mqtt.force_embedded", "true");
        o.put("mqtt.embedded_broker_port", "0");
        o.put("source.uri", scene == null ? null : scene.toAbsolutePath().normalize().toString());
        o.put("model.pack", pack == null ? null : pack.toAbsolutePath().normalize().toString());
        o.put("model.backend", backend);
        try {
            return ServiceConfig.loader().load(config, System.getenv(), o);
        } catch (ConfigException e) {
            throw new UserFacingException(e.getMessage(), 2);
        }
    }
}
