package io.sightline.http;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.sightline.perception.service.ServiceMetrics;
import io.sightline.transport.mqtt.ClientStats;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.GroundingTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;

/**
 * {@code /metrics}: the service's figures in the Prometheus text format (version 0.0.4), through the Prometheus Java
 * client. Every metric is read at scrape time from {@link MetricReadings} (callbacks, no second counter), plus the
 * client's JVM metrics (heap, GC, threads, buffer pools, process RSS) and JavaCPP's count of native bytes.
 */
public final class MetricsEndpoint {
    private static final double NANOS = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param withJvm whether to add the JVM and process metrics (off in tests that read the exposition exactly)
     */
    public MetricsEndpoint(MetricReadings r, boolean withJvm) {
        registry.register(() -> stageLatencies(r.frames()));
        GaugeWithCallback.builder().name("sightline_fps").help("Frames finished per second over the last 3 s")
            .callback(cb -> cb.call(r.frames().snapshot().fps())).register(registry);
        CounterWithCallback.builder().name("sightline_frames_processed").help("Frames through the pipeline since start")
            .callback(cb -> cb.call(r.frames().snapshot().frames())).register(registry);
        CounterWithCallback.builder().name("sightline_frames_dropped")
            .help("Frames lost since start, by why: latest_frame_wins (a newer frame replaced it before the pipeline"
                + " was free), source_skipped (the source skipped it), pipeline_error (it failed in the pipeline)")
            .labelNames("reason").callback(cb -> {
                ServiceMetrics.Drops d = r.frames().drops();
                cb.call(d.latestFrameWins(), "latest_frame_wins");
                cb.call(d.sourceSkipped(), "source_skipped");
                cb.call(r.frameErrors().getAsLong(), "pipeline_error");
            }).register(registry);
        GaugeWithCallback.builder().name("sightline_tracks").help("Tracked objects published with the latest frame")
            .callback(cb -> cb.call(r.frames().snapshot().lastObjects())).register(registry);
        GaugeWithCallback.builder().name("sightline_frame_age_p50_seconds")
            .help("Median capture-to-publish age of the last 256 frames")
            .callback(cb -> cb.call(r.frames().snapshot().frameAgeP50Nanos() / NANOS)).register(registry);
        CounterWithCallback.builder().name("sightline_grounding_requests")
            .help("Grounding requests answered since start, by the answer's status").labelNames("status")
            .callback(cb -> {
                Map<GroundingStatus, Long> answered = r.groundingAnswers().get();
                for (GroundingStatus s : GroundingStatus.values()) {
                    if (s != GroundingStatus.UNRECOGNIZED && s != GroundingStatus.GROUNDING_STATUS_UNSPECIFIED) {
                        cb.call(answered.getOrDefault(s, 0L), statusLabel(s));
                    }
                }
            }).register(registry);
        CounterWithCallback.builder().name("sightline_task_answers")
            .help("Requests answered since start by task (ground, detect, describe, ask; unknown: a task value this"
                + " service does not know) and the answer's status; error = not answered (unsupported question, unknown"
                + " words, empty or too long), with the reason in the result").labelNames("task", "status")
            .callback(cb -> r.taskAnswers().get().forEach((task, byStatus) -> byStatus.forEach((s, n) ->
                cb.call(n, taskLabel(task), statusLabel(s))))).register(registry);
        CounterWithCallback.builder().name("sightline_grounding_rejected")
            .help("Grounding requests not answered by the grounder, by why (malformed payload, responder busy,"
                + " repeated request id answered from the cache, handler error)").labelNames("reason")
            .callback(cb -> {
                GroundingResponder.Counters c = r.groundingRequests().get();
                cb.call(c.malformed(), "malformed");
                cb.call(c.busy(), "busy");
                cb.call(c.repeats(), "repeat");
                cb.call(c.errors(), "handler_error");
            }).register(registry);
        GaugeWithCallback.builder().name("sightline_mqtt_connected").help("1 while the MQTT client is connected")
            .callback(cb -> cb.call(r.mqtt().get().connected() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("sightline_mqtt_reconnects").help("MQTT reconnects after the first connect")
            .callback(cb -> cb.call(Math.max(0, r.mqtt().get().births() - 1))).register(registry);
        CounterWithCallback.builder().name("sightline_mqtt_published").help("MQTT messages sent since start")
            .callback(cb -> cb.call(r.mqtt().get().published())).register(registry);
        GaugeWithCallback.builder().name("sightline_mqtt_outbox_depth").help("Messages waiting in the MQTT outbox")
            .callback(cb -> cb.call(r.mqtt().get().outboxSize())).register(registry);
        CounterWithCallback.builder().name("sightline_mqtt_outbox_dropped")
            .help("Messages the outbox lost, by why: full, expired (message expiry passed while offline), replaced"
                + " (a latest-wins message overwritten by a newer one before it was sent; normal while offline)")
            .labelNames("reason").callback(cb -> {
                ClientStats s = r.mqtt().get();
                cb.call(s.droppedFull(), "full");
                cb.call(s.droppedExpired(), "expired");
                cb.call(s.replaced(), "replaced");
            }).register(registry);
        GaugeWithCallback.builder().name("sightline_service_state")
            .help("1 for the service's current state (STARTING, ONLINE, DEGRADED, ...)").labelNames("state")
            .callback(cb -> cb.call(1, r.state().get())).register(registry);
        GaugeWithCallback.builder().name("sightline_native_tracked_bytes")
            .help("Native memory JavaCPP allocated and still tracks (OpenCV Mats, TensorRT buffers); ONNX Runtime's"
                + " own arena shows in process_resident_memory_bytes")
            .callback(cb -> cb.call(Pointer.totalBytes())).register(registry);
        if (withJvm) {
            JvmMetrics.builder().register(registry);
        }
    }

    /** The {@code /metrics} answer. */
    public Reply scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(200, PrometheusTextFormatWriter.CONTENT_TYPE, out.toByteArray());
    }

    /** GROUNDING_STATUS_NO_MATCH -> no_match. */
    static String statusLabel(GroundingStatus s) {
        return s.name().substring("GROUNDING_STATUS_".length()).toLowerCase(Locale.ROOT);
    }

    /** "ground", "detect", "describe", "ask"; "unknown" for UNSPECIFIED (where the service counts unknown task values). */
    static String taskLabel(GroundingTask t) {
        return t == GroundingTask.GROUNDING_TASK_UNSPECIFIED || t == GroundingTask.UNRECOGNIZED ? "unknown"
            : t.name().substring("GROUNDING_TASK_".length()).toLowerCase(Locale.ROOT);
    }

    private static HistogramSnapshot stageLatencies(ServiceMetrics frames) {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name("sightline_stage_latency_seconds")
            .help("Latency of each pipeline stage since start (capture, preprocess, encode, detect, decode when"
                + " a prompt ran, post, total; publish = building and handing off the frame's messages)");
        for (ServiceMetrics.Histogram h : frames.histograms()) {
            long[] bounds = h.boundsNanos();
            long[] cumulative = h.cumulativeCounts();
            double[] upper = new double[bounds.length + 1];
            long[] counts = new long[bounds.length + 1]; // the client takes per-bucket counts and sums them itself
            for (int i = 0; i <= bounds.length; i++) {
                upper[i] = i < bounds.length ? bounds[i] / NANOS : Double.POSITIVE_INFINITY;
                counts[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
            }
            b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts)).sum(h.sumNanos() / NANOS)
                .labels(Labels.of("stage", h.stage())).build());
        }
        return b.build();
    }
}
