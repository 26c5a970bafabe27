package io.sightline.cli.bench;

import io.sightline.cli.UserFacingException;
import io.sightline.cli.mqtt.MqttOptions;
import io.sightline.runtime.bench.LatencyStats;
import io.sightline.transport.broker.BrokerChoice;
import io.sightline.transport.broker.BrokerProbe;
import io.sightline.transport.broker.BrokerSelector;
import io.sightline.transport.config.MqttConfig;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.mqtt.MqttSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sightline bench mqtt}: transport latency, lossless rate and payload size, with the Mosquitto CLI baseline. */
@Command(name = "mqtt", mixinStandardHelpOptions = true,
    header = "Measure the MQTT transport: latency, loss-free rate and size against mosquitto_pub/sub.",
    description = {
        "Measure the MQTT transport on one broker (default: localhost:1883 when",
        "it answers, else the embedded HiveMQ CE broker):",
        " - publish-to-receive latency p50/p99 of paced DetectionFrames through",
        "   the Sightline client (publisher and subscriber in this process);",
        " - the highest QoS 0 frame rate received without loss;",
        " - the Protobuf size against the same frame as JSON;",
        " - the baseline: mosquitto_pub -> mosquitto_sub latency with the same",
        "   payload size, in the same run (ratio = Sightline / baseline)."})
public final class MqttBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    MqttOptions mqtt;

    @Option(names = "--detections", defaultValue = "20", description = "detections per frame (default: ${DEFAULT-VALUE})")
    int detections;

    @Option(names = "--rate", defaultValue = "30", description = "frame rate of the latency run, Hz (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--frames", defaultValue = "300", description = "frames in the latency run (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--rates", split = ",", defaultValue = "250,500,1000,2000,4000,8000,16000",
        description = "QoS 0 rates to try in order, Hz, until one loses frames (default: ${DEFAULT-VALUE})")
    int[] rates;

    @Option(names = "--no-baseline", description = "skip the mosquitto_pub/mosquitto_sub baseline")
    boolean noBaseline;

    @Option(names = "--embedded-broker-port", paramLabel = "N",
        description = "benchmark the embedded HiveMQ CE broker started on port N (0 = any free port)")
    Integer embeddedBrokerPort;

    @Override
    public Integer call() throws InterruptedException {
        if (detections < 0 || rate < 1 || frames < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--detections >= 0, --rate >= 1 and --frames >= 1");
        }
        ServiceConfig config = mqtt.load();
        if (embeddedBrokerPort != null) {
            config = config.withMqtt(withEmbedded(config.mqtt(), embeddedBrokerPort));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BrokerChoice broker = new BrokerSelector(new BrokerProbe(500)).select(config.mqtt())) {
            out.println("broker: " + broker.description());
            MqttSettings pub = MqttSettings.tool(config.mqtt(), broker.uri(), "bench-pub");
            MqttSettings sub = MqttSettings.tool(config.mqtt(), broker.uri(), "bench-sub");
            MqttBenchmark.Report r;
            try {
                r = new MqttBenchmark(pub, sub, line -> spec.commandLine().getErr().println("bench: " + line))
                        .run(new MqttBenchmark.Plan(detections, rate, frames, rates, Duration.ofSeconds(1), !noBaseline));
            } catch (IllegalStateException e) {
                throw new UserFacingException(e.getMessage());
            }
            out.printf("payload: DetectionFrame with %d detections = %d bytes Protobuf, %d bytes JSON (JsonFormat, compact): %.2fx smaller%n",
                    detections, r.protobufBytes(), r.jsonBytes(), (double) r.jsonBytes() / r.protobufBytes());
            out.println("latency, Sightline client (" + rate + " Hz, QoS 0): " + fmt(r.ours(), frames));
            if (r.baseline() != null) {
                out.println("latency, baseline " + r.baselineNote() + ": " + fmt(r.baseline(), frames));
                out.printf("ratio Sightline / baseline: p50 %.2f, p99 %.2f%n", r.ours().p50Ms() / r.baseline().p50Ms(),
                        r.ours().p99Ms() / r.baseline().p99Ms());
            } else {
                out.println("latency, baseline: " + r.baselineNote());
            }
            for (MqttBenchmark.RateStep s : r.rateSteps()) {
                out.printf("rate %6d Hz: sent %6d, received %6d, overwritten in the outbox %6d%s%n", s.rateHz(), s.sent(),
                        s.received(), s.replaced(), s.lossless() ? "" : "  <- loss");
            }
            boolean allLossless = r.rateSteps().stream().allMatch(MqttBenchmark.RateStep::lossless);
            out.println("max sustained QoS 0 rate without loss: " + r.maxLosslessRate() + " Hz"
                    + (allLossless ? " (highest rate tried: " + Arrays.stream(rates).max().orElse(0) + " Hz)" : ""));
        }
        return 0;
    }

    private static MqttConfig withEmbedded(MqttConfig c, int port) {
        return new MqttConfig(c.url(), c.robotId(), c.clientId(), c.username(), c.password(), c.tls(), port, true,
                c.keepAliveS(), c.connectTimeoutS(), c.willDelayS(), c.reconnectInitialMs(), c.reconnectMaxMs(),
                c.outboxCapacity(), c.queueExpiryS(), c.sharedGroup(), c.maxRequestBytes(), c.groundingTimeoutMs(),
                c.requestCacheSize(), c.maxDeadlineMs(), c.requestCacheBytes(), c.groundingQueueSize(),
                c.groundingRatePerClient(), c.groundingRefusalsPerSecond(), c.responseTopicPrefixes());
    }

    private static String fmt(LatencyStats s, int expected) {
        return String.format("p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d/%d received)", s.p50Ms(), s.p99Ms(), s.maxMs(), s.samples(), expected);
    }
}
