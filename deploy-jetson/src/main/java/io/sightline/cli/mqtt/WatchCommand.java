package io.sightline.cli.mqtt;

import com.google.protobuf.Descriptors.Descriptor;
import io.sightline.cli.UserFacingException;
import io.sightline.transport.config.MqttConfig;
import io.sightline.transport.mqtt.Channel;
import io.sightline.transport.mqtt.InboundMessage;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.PayloadDecoder;
import io.sightline.transport.mqtt.Qos;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.mqtt.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sightline watch}: print what a robot's Sightline publishes, decoded, one line per message. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    header = "Print every message on a robot's Sightline topics, decoded from Protobuf.",
    description = {
        "Subscribe to a robot's Sightline topics and print each message as",
        "'<topic> [retained] <json>', decoded from Protobuf (type from the MQTT 5",
        "content type, else from the topic).",
        "Topics: status, health, detections, scene, events, ground/request,",
        "ground/result (default: all).",
        "Exit codes: 0 done (count reached, --for over, or Ctrl-C), 1 broker",
        "unreachable, 2 usage error."})
public final class WatchCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    MqttOptions mqtt;

    @Option(names = "--topic", paramLabel = "NAME", description = "channel to watch; repeat for several (default: all)")
    List<String> topics = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", description = "exit after N messages (default: run until stopped)")
    int count;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "exit after this long, e.g. 30s (default: run until stopped)")
    Duration duration;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
        description = "give up when the broker does not answer within this (default: ${DEFAULT-VALUE})")
    Duration connectTimeout;

    @Override
    public Integer call() throws InterruptedException {
        MqttConfig config = mqtt.mqtt();
        Topics names = new Topics(config.robotId());
        List<String> filters = new ArrayList<>();
        if (topics.isEmpty()) {
            filters.add(names.all());
        } else {
            for (String t : topics) {
                try {
                    filters.addAll(names.filters(Channel.byName(t)));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PayloadDecoder decoder = new PayloadDecoder();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger printed = new AtomicInteger();
        String uri = MqttOptions.brokerUri(config);
        try (SightlineMqttClient client = SightlineMqttClient.start(MqttSettings.tool(config, uri, "watch"))) {
            for (String filter : filters) {
                client.subscribe(filter, Qos.AT_LEAST_ONCE, m -> {
                    synchronized (out) {
                        if (count > 0 && printed.get() >= count) {
                            return;
                        }
                        out.println(render(decoder, m));
                        out.flush();
                    }
                    if (count > 0 && printed.incrementAndGet() >= count) {
                        done.countDown();
                    }
                });
            }
            if (!client.awaitReady(connectTimeout)) {
                throw new UserFacingException("no MQTT broker answered at " + uri + " within " + connectTimeout.toSeconds()
                        + " s: " + client.lastConnectError());
            }
            if (duration != null) {
                done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                done.await();
            }
        }
        return 0;
    }

    static String render(PayloadDecoder decoder, InboundMessage m) {
        String prefix = m.topic() + (m.retained() ? " retained " : " ");
        Optional<Descriptor> type = decoder.typeOf(m.topic(), m.contentType());
        if (type.isEmpty()) {
            return prefix + "<" + m.payload().size() + " bytes, unknown type>";
        }
        try {
            return prefix + decoder.toJson(decoder.decode(type.get(), m.payload()));
        } catch (Exception e) {
            return prefix + "<" + m.payload().size() + " bytes, not a valid " + type.get().getFullName() + ": " + e.getMessage() + ">";
        }
    }
}
