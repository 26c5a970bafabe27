package io.sightline.cli.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.sightline.runtime.bench.LatencyStats;
import io.sightline.transport.mqtt.CorrelationData;
import io.sightline.transport.mqtt.InboundMessage;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.Qos;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.mqtt.Topics;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A running service's detections before and during a flood of valid grounding requests (issue 25: "detections keep
 * their frame rate and p99 during a flood"). A tool client on the service's broker counts the DetectionFrames of one
 * camera and their pipeline latency ({@code timings.total_ms}) for a quiet window, then for a window in which it
 * publishes requests at a fixed rate, spread over many response topics (each under the per-requester rate limit, so
 * every request reaches the service's bounded queue), each with a deadline; every answer is timed against its
 * request's deadline.
 */
public final class FloodBenchmark {
    /** The windows, the offered request rate, how many response topics share it, and each request's deadline. */
    public record Plan(Duration before, Duration flood, int requestsPerSecond, int requesters, Duration deadline,
                       Duration drain) {
    }

    /** DetectionFrames received in a window, and their pipeline latency. */
    public record Window(long frames, double seconds, LatencyStats latency) {
        public double fps() {
            return frames / seconds;
        }
    }

    /**
     * {@code late}: answers that arrived after their request's deadline plus {@code slack}; {@code worstMarginMs}: the
     * latest answer's arrival relative to its deadline (negative = before it). {@code framesPerSecondOfFlood}: frames
     * in each whole second of the flood.
     */
    public record Report(Window before, Window during, List<Long> framesPerSecondOfFlood, long offered, long published,
                         Map<GroundingStatus, Long> answers, long late, long worstMarginMs, long unanswered) {
        public long answered() {
            return answers.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Frame(long arrivedNanos, double totalMs) {
    }

    private final MqttSettings tool;
    private final String cameraId;

    public FloodBenchmark(MqttSettings tool, String cameraId) {
        this.tool = tool;
        this.cameraId = cameraId;
    }

    /** Runs the plan; {@code slack} is what an answer may arrive past its deadline (broker and scheduling). */
    public Report run(Plan plan, Duration slack) throws InterruptedException, MqttException {
        Topics topics = new Topics(tool.robotId());
        List<Frame> frames = new CopyOnWriteArrayList<>();
        Map<String, Long> deadlines = new ConcurrentHashMap<>();
        Map<GroundingStatus, AtomicLong> answers = new ConcurrentHashMap<>();
        AtomicLong late = new AtomicLong();
        LongAccumulator worstMargin = new LongAccumulator(Math::max, Long.MIN_VALUE);
        String anyResponder = topics.groundResponse("flood-0");
        try (SightlineMqttClient client = SightlineMqttClient.start(tool); Flooder flooder = new Flooder(tool)) {
            client.subscribe(topics.detections(cameraId), Qos.AT_MOST_ONCE, m -> frames.add(frame(m)));
            client.subscribe(anyResponder.substring(0, anyResponder.lastIndexOf('/') + 1) + "#", Qos.AT_LEAST_ONCE, m -> {
                Long deadline = m.correlationData().map(CorrelationData::toUtf8).map(deadlines::remove).orElse(null);
                if (deadline == null) {
                    return;
                }
                long marginMs = TimeUnit.NANOSECONDS.toMillis(m.receivedNanos() - deadline);
                worstMargin.accumulate(marginMs);
                if (marginMs > slack.toMillis()) {
                    late.incrementAndGet();
                }
                answers.computeIfAbsent(result(m).getStatus(), s -> new AtomicLong()).incrementAndGet();
            });
            if (!client.awaitReady(Duration.ofSeconds(10))) {
                throw new IllegalStateException("benchmark client not connected to " + tool.serverUri() + ": "
                        + client.lastConnectError());
            }
            long start = System.nanoTime();
            sleepUntil(start + plan.before().toNanos());
            long floodStart = System.nanoTime();
            long offered;
            try {
                offered = flood(flooder, topics, plan, floodStart, deadlines);
            } catch (MqttException e) {
                throw new IllegalStateException("flood publisher: " + e.getMessage(), e);
            }
            long floodEnd = floodStart + plan.flood().toNanos();
            sleepUntil(floodEnd + plan.deadline().toNanos() + plan.drain().toNanos());
            long published = offered - failed(flooder);
            EnumMap<GroundingStatus, Long> counted = new EnumMap<>(GroundingStatus.class);
            answers.forEach((s, n) -> counted.put(s, n.get()));
            long answered = counted.values().stream().mapToLong(Long::longValue).sum();
            return new Report(window(frames, start, floodStart), window(frames, floodStart, floodEnd),
                    perSecond(frames, floodStart, floodEnd), offered, published, counted, late.get(),
                    answered == 0 ? 0 : worstMargin.get(), published - answered);
        }
    }

    /**
     * Publishes requests at the plan's rate for its flood window, QoS 0 straight to the broker (no outbox, no ack
     * window: a request's deadline runs from when it leaves); returns how many were offered.
     */
    private static long flood(Flooder flooder, Topics topics, Plan plan, long floodStart, Map<String, Long> deadlines)
            throws MqttException {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / plan.requestsPerSecond();
        long end = floodStart + plan.flood().toNanos();
        long i = 0;
        for (long next = floodStart; next < end; next += periodNanos, i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            String id = "flood-" + i;
            deadlines.put(id, System.nanoTime() + plan.deadline().toNanos());
            Instant deadline = Instant.now().plus(plan.deadline());
            byte[] request = GroundingRequest.newBuilder().setRequestId(id).setExpression("the red cup")
                    .setDeadline(Timestamp.newBuilder().setSeconds(deadline.getEpochSecond()).setNanos(deadline.getNano()))
                    .build().toByteArray();
            flooder.publish(topics.groundRequest(), request, topics.groundResponse("flood-" + (i % plan.requesters())), id);
        }
        return i;
    }

    private static long failed(Flooder flooder) {
        return flooder.failed.get();
    }

    /** A plain Paho client that publishes QoS 0; a publish Paho refuses (its queue full) is counted, not retried. */
    private static final class Flooder implements AutoCloseable {
        private final MqttAsyncClient paho;
        final AtomicLong failed = new AtomicLong();

        Flooder(MqttSettings tool) throws InterruptedException {
            try {
                paho = new MqttAsyncClient(tool.serverUri(), tool.clientId() + "-flooder", new MemoryPersistence());
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                o.setConnectionTimeout(5);
                paho.connect(o).waitForCompletion(10_000);
            } catch (MqttException e) {
                throw new IllegalStateException("flood publisher cannot connect to " + tool.serverUri() + ": " + e.getMessage(), e);
            }
        }

        void publish(String topic, byte[] payload, String responseTopic, String correlation) {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(0);
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(responseTopic);
            p.setCorrelationData(correlation.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            m.setProperties(p);
            try {
                paho.publish(topic, m);
            } catch (MqttException e) {
                failed.incrementAndGet();
            }
        }

        @Override
        public void close() throws MqttException {
            try {
                paho.disconnect().waitForCompletion(3000);
            } finally {
                paho.close(true);
            }
        }
    }

    private static Window window(List<Frame> frames, long from, long to) {
        long[] latencies = frames.stream().filter(f -> f.arrivedNanos() >= from && f.arrivedNanos() < to)
                .mapToLong(f -> Math.round(f.totalMs() * 1e6)).toArray();
        return new Window(latencies.length, (to - from) / 1e9, LatencyStats.of(latencies));
    }

    private static List<Long> perSecond(List<Frame> frames, long from, long to) {
        long seconds = (to - from) / TimeUnit.SECONDS.toNanos(1);
        return java.util.stream.LongStream.range(0, seconds).map(s -> {
            long a = from + TimeUnit.SECONDS.toNanos(s);
            long b = a + TimeUnit.SECONDS.toNanos(1);
            return frames.stream().filter(f -> f.arrivedNanos() >= a && f.arrivedNanos() < b).count();
        }).boxed().toList();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static Frame frame(InboundMessage m) {
        try {
            return new Frame(m.receivedNanos(), DetectionFrame.parseFrom(m.payload()).getTimings().getTotalMs());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("benchmark received an undecodable DetectionFrame on " + m.topic(), e);
        }
    }

    private static GroundingResult result(InboundMessage m) {
        try {
            return GroundingResult.parseFrom(m.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("benchmark received an undecodable GroundingResult on " + m.topic(), e);
        }
    }
}
