package io.sightline.cli.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.sightline.runtime.bench.LatencyStats;
import io.sightline.transport.bench.SyntheticFrames;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.Qos;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.mqtt.Topics;
import io.sightline.transport.v1.DetectionFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Transport benchmark on one broker: publish-to-receive latency of paced DetectionFrames through
 * {@link SightlineMqttClient} (publisher and subscriber in this JVM), the highest QoS 0 rate received
 * without loss, the encoded size against the same frame as JSON, and the latency of
 * mosquitto_pub -> mosquitto_sub with a payload of the same size in the same run, as the baseline.
 */
public final class MqttBenchmark {
    /** What to measure; {@code rates} are tried in order until the first that loses frames. */
    public record Plan(int detections, int rateHz, int frames, int[] rates, Duration rateStep, boolean baseline) {
    }

    /** {@code replaced}: frames the publisher's latest-wins outbox overwrote before the link could take them. */
    public record RateStep(int rateHz, long sent, long received, long replaced) {
        public boolean lossless() {
            return received == sent;
        }
    }

    public record Report(int protobufBytes, int jsonBytes, LatencyStats ours, List<RateStep> rateSteps,
                         LatencyStats baseline, String baselineNote) {
        public int maxLosslessRate() {
            return rateSteps.stream().filter(RateStep::lossless).mapToInt(RateStep::rateHz).max().orElse(0);
        }
    }

    private final MqttSettings publisherSettings;
    private final MqttSettings subscriberSettings;
    private final Consumer<String> progress;

    public MqttBenchmark(MqttSettings publisherSettings, MqttSettings subscriberSettings, Consumer<String> progress) {
        this.publisherSettings = publisherSettings;
        this.subscriberSettings = subscriberSettings;
        this.progress = progress;
    }

    public Report run(Plan plan) throws InterruptedException {
        Topics topics = new Topics(publisherSettings.robotId());
        SyntheticFrames generator = new SyntheticFrames(publisherSettings.robotId(), "bench", plan.detections(), 11);
        DetectionFrame sample = generator.frame(0);
        int protobufBytes = sample.getSerializedSize();
        int jsonBytes = json(sample).getBytes(StandardCharsets.UTF_8).length;

        ConcurrentHashMap<Long, Long> arrivals = new ConcurrentHashMap<>();
        try (SightlineMqttClient sub = SightlineMqttClient.start(subscriberSettings);
             SightlineMqttClient pub = SightlineMqttClient.start(publisherSettings)) {
            sub.subscribe(topics.detections("bench"), Qos.AT_MOST_ONCE, m -> {
                try {
                    arrivals.put(DetectionFrame.parseFrom(m.payload()).getHeader().getSeq(), m.receivedNanos());
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException("benchmark received an undecodable frame on " + m.topic(), e);
                }
            });
            if (!sub.awaitReady(Duration.ofSeconds(10)) || !pub.awaitReady(Duration.ofSeconds(10))) {
                throw new IllegalStateException("cannot reach the broker at " + publisherSettings.serverUri() + ": "
                        + pub.lastConnectError());
            }
            AtomicLong seq = new AtomicLong(1_000_000);
            progress.accept("latency: " + plan.frames() + " frames at " + plan.rateHz() + " Hz, " + plan.detections() + " detections each");
            LatencyStats ours = latency(pub, generator, plan.frames(), plan.rateHz(), seq, arrivals);

            List<RateStep> steps = new ArrayList<>();
            for (int rate : plan.rates()) {
                progress.accept("rate step: " + rate + " Hz for " + plan.rateStep().toMillis() + " ms");
                RateStep step = rateStep(pub, generator, rate, plan.rateStep(), seq, arrivals);
                steps.add(step);
                if (!step.lossless()) {
                    break;
                }
            }
            LatencyStats baseline = null;
            String note;
            if (!plan.baseline()) {
                note = "skipped (--no-baseline)";
            } else {
                progress.accept("baseline: mosquitto_pub -l -> mosquitto_sub, " + plan.frames() + " messages of " + protobufBytes + " bytes");
                try {
                    baseline = mosquittoLatency(plan.frames(), plan.rateHz(), protobufBytes);
                    note = "mosquitto_pub -l | mosquitto_sub -F %U, same payload size";
                } catch (IOException e) {
                    note = "unavailable: " + e.getMessage();
                }
            }
            return new Report(protobufBytes, jsonBytes, ours, steps, baseline, note);
        }
    }

    private LatencyStats latency(SightlineMqttClient pub, SyntheticFrames generator, int frames, int rateHz,
                                 AtomicLong seq, ConcurrentHashMap<Long, Long> arrivals) throws InterruptedException {
        List<DetectionFrame> batch = new ArrayList<>(frames);
        long first = seq.get();
        for (int i = 0; i < frames; i++) {
            batch.add(generator.frame(seq.getAndIncrement()));
        }
        long[] sent = new long[frames];
        long period = TimeUnit.SECONDS.toNanos(1) / rateHz;
        long next = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            waitUntil(next);
            sent[i] = System.nanoTime();
            pub.publishDetections(batch.get(i));
            next += period;
        }
        Thread.sleep(500);
        long[] lat = new long[frames];
        int n = 0;
        for (int i = 0; i < frames; i++) {
            Long at = arrivals.remove(first + i);
            if (at != null) {
                lat[n++] = at - sent[i];
            }
        }
        return LatencyStats.of(java.util.Arrays.copyOf(lat, n));
    }

    private RateStep rateStep(SightlineMqttClient pub, SyntheticFrames generator, int rateHz, Duration length,
                              AtomicLong seq, ConcurrentHashMap<Long, Long> arrivals) throws InterruptedException {
        int frames = (int) Math.max(1, rateHz * length.toMillis() / 1000);
        List<DetectionFrame> batch = new ArrayList<>(frames);
        long first = seq.get();
        for (int i = 0; i < frames; i++) {
            batch.add(generator.frame(seq.getAndIncrement()));
        }
        arrivals.clear();
        long replacedBefore = pub.stats().replaced();
        long period = TimeUnit.SECONDS.toNanos(1) / rateHz;
        long next = System.nanoTime();
        for (DetectionFrame f : batch) {
            waitUntil(next);
            pub.publishDetections(f);
            next += period;
        }
        Thread.sleep(1000);
        long received = arrivals.keySet().stream().filter(s -> s >= first && s < first + frames).count();
        return new RateStep(rateHz, frames, received, pub.stats().replaced() - replacedBefore);
    }

    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * mosquitto_sub prints each arrival's wall-clock time (%U, nanoseconds) and the payload, which starts
     * with the wall-clock time we wrote it to mosquitto_pub -l. Both are CLOCK_REALTIME on this machine.
     */
    private LatencyStats mosquittoLatency(int messages, int rateHz, int payloadBytes) throws IOException, InterruptedException {
        String host = hostOf(publisherSettings.serverUri());
        String port = portOf(publisherSettings.serverUri());
        String topic = "sightline-bench/" + publisherSettings.clientId() + "/baseline";
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", host, "-p", port, "-t", topic, "-F", "%U %p")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", host, "-p", port, "-t", topic, "-l")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> latencies = new ArrayList<>();
        // The reader thread owns mosquitto_sub's output; it ends when the process is destroyed below
        // (closing a BufferedReader from here while it reads would block on its lock).
        BufferedReader in = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.US_ASCII));
        Thread reader = new Thread(() -> readArrivals(in, latencies), "bench-mosquitto-sub");
        reader.setDaemon(true);
        reader.start();
        try {
            OutputStream out = pub.getOutputStream();
            String padding = "x".repeat(Math.max(0, payloadBytes - 40));
            // warm up until mosquitto_sub is subscribed (it prints the first warm-up message)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (size(latencies) == 0 && System.nanoTime() < deadline) {
                writeLine(out, epochNanos() + " warmup " + padding);
                Thread.sleep(100);
            }
            if (size(latencies) == 0) {
                throw new IOException("mosquitto_sub received nothing from mosquitto_pub within 10 s");
            }
            Thread.sleep(200);
            synchronized (latencies) {
                latencies.clear();
            }
            long period = TimeUnit.SECONDS.toNanos(1) / rateHz;
            long next = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                waitUntil(next);
                writeLine(out, epochNanos() + " " + padding);
                next += period;
            }
            Thread.sleep(500);
        } finally {
            pub.destroy();
            sub.destroy();
            pub.waitFor(2, TimeUnit.SECONDS);
            sub.waitFor(2, TimeUnit.SECONDS);
            reader.join(2000);
        }
        synchronized (latencies) {
            return LatencyStats.of(latencies.stream().mapToLong(Long::longValue).toArray());
        }
    }

    private static int size(List<Long> latencies) {
        synchronized (latencies) {
            return latencies.size();
        }
    }

    private static void readArrivals(BufferedReader in, List<Long> latencies) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split(" ", 3);
                if (parts.length < 2) {
                    continue;
                }
                String[] secNanos = parts[0].split("\\.");
                long received = Long.parseLong(secNanos[0]) * 1_000_000_000L + Long.parseLong(secNanos[1]);
                long sent = Long.parseLong(parts[1]);
                synchronized (latencies) {
                    latencies.add(received - sent);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process was stopped; what was read is kept
        }
    }

    private static void writeLine(OutputStream out, String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("mosquitto_pub stopped reading its input", e);
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static String hostOf(String uri) {
        String hostPort = uri.substring(uri.indexOf("://") + 3);
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    static String portOf(String uri) {
        String hostPort = uri.substring(uri.indexOf("://") + 3);
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? "1883" : hostPort.substring(colon + 1);
    }

    static String json(DetectionFrame frame) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(frame);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
