package io.sightline.perception.service;

import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.LatestFrameSlot;
import io.sightline.perception.tracking.TrackEvent;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.DetectionFrame;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's processing thread: takes the newest frame from the capture's {@link LatestFrameSlot}, runs the
 * pipeline and hands the frame's {@link FrameOutcome} to the MQTT client (SceneSnapshot, TrackEvents, then the
 * DetectionFrame with the publish stage timed), and keeps it as the frame grounding requests answer on. A frame
 * that fails in the pipeline is counted and skipped; the loop goes on (an {@link Error} ends the thread, and the
 * thread's uncaught-exception handler decides what happens to the process). A processed frame is handed to the
 * {@link FrameView} (which closes it when the next comes). It ends when stopped or when the capture
 * has finished and the slot is empty.
 */
final class ServiceLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ServiceLoop.class);
    private static final long TAKE_WAIT_MS = 200;

    private final LatestFrameSlot slot;
    private final FrameSource source;
    private final PerceptionPipeline pipeline;
    private final ProtoMapper mapper;
    private final SightlineMqttClient client;
    private final ServiceMetrics metrics;
    private final FrameErrors errors;
    private final BooleanSupplier running;
    private final Runnable firstFrame;
    private final FrameView view;
    private final FrameRecorder recorder;
    private volatile ProcessedFrame latest;

    ServiceLoop(LatestFrameSlot slot, FrameSource source, PerceptionPipeline pipeline, ProtoMapper mapper,
                SightlineMqttClient client, ServiceMetrics metrics, FrameErrors errors, BooleanSupplier running,
                Runnable firstFrame, FrameView view, FrameRecorder recorder) {
        this.slot = slot;
        this.view = view;
        this.source = source;
        this.pipeline = pipeline;
        this.mapper = mapper;
        this.client = client;
        this.metrics = metrics;
        this.errors = errors;
        this.running = running;
        this.firstFrame = firstFrame;
        this.recorder = recorder;
    }

    /** The latest published frame; empty before the first. */
    Optional<ProcessedFrame> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public void run() {
        long skippedSeen = 0;
        while (running.getAsBoolean()) {
            Optional<Frame> next;
            try {
                next = slot.take(TAKE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next.isEmpty()) {
                if (slot.drained()) {
                    return; // the source ended or failed; grounding keeps answering on the last frame
                }
                continue;
            }
            Frame frame = next.get();
            try {
                long skipped = source.status().skipped();
                process(frame, skipped - skippedSeen);
                frame = null; // the view owns it now
                skippedSeen = skipped;
            } catch (RuntimeException e) {
                long n = errors.record(e);
                if (n == 1 || n % 100 == 0) {
                    log.warn("frame failed in the pipeline ({} so far)", n, e);
                }
            } finally {
                if (frame != null) {
                    frame.close();
                }
            }
        }
    }

    private void process(Frame frame, long skippedBefore) {
        // Time in the slot counts as capture-to-preprocess: the frame's wait for a free pipeline.
        long waited = Math.max(0, System.nanoTime() - frame.captureNanos());
        FrameOutcome outcome = pipeline.process(frame, waited, skippedBefore);
        long epochMs = frame.captureEpochMs();
        long t0 = System.nanoTime();
        ServiceMetrics.Drops dropped = new ServiceMetrics.Drops(slot.dropped(), source.status().skipped());
        client.publishScene(mapper.sceneSnapshot(outcome, epochMs));
        for (TrackEvent e : outcome.events()) {
            client.publishEvent(mapper.trackEvent(e, outcome.result().width(), outcome.result().height(), epochMs));
        }
        long publish = System.nanoTime() - t0;
        DetectionFrame message = mapper.detectionFrame(outcome, epochMs, dropped.total(), publish);
        client.publishDetections(message);
        recorder.frame(frame); // queues a copy; never blocks the pipeline
        view.offer(frame, outcome.result(), message); // hands the frame over: no copy, nothing encoded here
        boolean first = latest == null;
        latest = new ProcessedFrame(outcome, epochMs);
        if (first) {
            firstFrame.run(); // STARTING -> ONLINE now, not at the next health tick
        }
        metrics.frame(outcome.timings(), publish, outcome.result().ageNanos() + publish, dropped,
            outcome.result().objects().size());
    }
}
