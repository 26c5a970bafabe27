package io.sightline.perception.service;

import io.sightline.perception.source.LatestFrameSlot;
import io.sightline.perception.source.LiveCapture;
import io.sightline.perception.source.SourceInfo;
import io.sightline.perception.source.SourceState;
import io.sightline.perception.source.SourceStatus;
import io.sightline.transport.broker.BrokerChoice;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.mqtt.GroundingSettings;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sightline run}: one camera through the perception pipeline, published over MQTT
 * (ARCHITECTURE.md sections 3, 7, 9). The parts come opened from the composition root ({@link ServiceParts});
 * this class only runs and stops them.
 *
 * <p>Threads: {@link LiveCapture} reads the source into a {@link LatestFrameSlot} (latest-frame-wins, drops
 * counted); the {@link ServiceLoop} thread runs the pipeline on the newest frame and hands its messages to the MQTT
 * client (which never blocks: its own thread sends, queues while offline and reconnects); transport's
 * {@link GroundingResponder} answers grounding requests on its worker thread with the latest frame's outcome; the
 * {@link HealthReporter} publishes Health and the status once a second. {@link #close()} stops the source, drains,
 * publishes OFFLINE and stops the broker it started.
 */
public final class PerceptionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PerceptionService.class);
    private static final long JOIN_MS = 5000;

    private final ServiceParts parts;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final FrameView view = new FrameView();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ServiceLoop loop;
    private final GroundingResponder responder;
    private final GroundingService grounding;
    private final FrameErrors errors = new FrameErrors();
    private final HealthReporter health;
    private final Thread processing;
    private final ScheduledExecutorService ticker;
    private volatile LiveCapture capture;
    private volatile boolean running = true;

    private PerceptionService(ServiceParts p) {
        this.parts = p;
        String cameraId = p.mapper().cameraId();
        this.loop = new ServiceLoop(slot, p.source(), p.pipeline(), p.mapper(), p.client(), metrics, errors, () -> running,
            this::firstFrameProcessed, view, p.recorder());
        // The status first (STARTING), then the subscription: a connect announces this service's state.
        this.health = new HealthReporter(p.condition(), p.statusTemplate(), this::sourceStatus, p.source()::info, () -> loop.latest().isPresent(),
            errors, metrics, p.mapper(), p.client(), this::groundingCounters, this::unanswered, p.console(), p.recorder()::failure);
        this.grounding = new GroundingService(p.grounder(), p.vlm().languageUnavailableReason(), loop::latest, p.mapper(),
            io.sightline.perception.pipeline.SceneTasks.forModel(p.vlm()));
        this.responder = new GroundingResponder(p.client(), grounding, GroundingSettings.of(p.mqtt()));
        this.processing = new Thread(loop, "sightline-pipeline-" + cameraId);
        this.processing.setDaemon(true);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sightline-health");
            t.setDaemon(true);
            return t;
        });
    }

    private GroundingResponder.Counters groundingCounters() {
        return responder.counters();
    }

    /** Requests the service answered ERROR with the reason, for Health {@code unanswered_requests}. */
    private long unanswered() {
        return grounding.answered().getOrDefault(GroundingStatus.GROUNDING_STATUS_ERROR, 0L);
    }

    /** As the capture sees it (FAILED when a failure stopped it); the source's own before the capture starts. */
    private SourceStatus sourceStatus() {
        LiveCapture c = capture;
        return c == null ? parts.source().status() : c.sourceStatus();
    }

    private void firstFrameProcessed() {
        if (!ticker.isShutdown()) {
            ticker.execute(guarded(health::refresh));
        }
    }

    /**
     * The processing thread, then the capture (which opens the source), then the 1 Hz health ticker. An
     * {@link Error} in a health task is handed to the thread's uncaught-exception handler (the executor would keep
     * it in a future nobody reads); {@code sightline run} installs one that ends the process.
     */
    private void startThreads() {
        processing.start();
        capture = new LiveCapture(parts.source(), slot, "sightline-capture-" + parts.mapper().cameraId());
        ticker.scheduleAtFixedRate(guarded(health::tick), 1, 1, TimeUnit.SECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Error e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
                throw e;
            }
        };
    }

    /**
     * Starts the threads over {@code parts}, which the service owns from here on: they are closed with it, or at
     * once when starting fails.
     */
    public static PerceptionService start(ServiceParts parts) {
        PerceptionService service;
        try {
            service = new PerceptionService(parts);
        } catch (RuntimeException e) {
            closeParts(parts, new ArrayList<>(), Duration.ZERO);
            parts.source().close(); // no capture thread owns it yet
            throw e;
        }
        try {
            service.startThreads();
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** Which broker is in use and why (the embedded one can be stopped and restarted by fault tests). */
    public BrokerChoice broker() {
        return parts.broker();
    }

    public SightlineMqttClient client() {
        return parts.client();
    }

    public ServiceMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    /** The frame counters themselves, for readers that want more than the snapshot (histograms, drops). */
    public ServiceMetrics frameMetrics() {
        return metrics;
    }

    /** What keeps the frames and messages ({@link FrameRecorder#NONE} when nothing is recorded). */
    public FrameRecorder recorder() {
        return parts.recorder();
    }

    /** Frames that failed in the pipeline since start (counted and skipped). */
    public long frameErrors() {
        return errors.count();
    }

    /** The grounding responder's request counters (received, malformed, errors, repeats, busy). */
    public GroundingResponder.Counters groundingRequests() {
        return responder.counters();
    }

    /** Requests answered since start, by task and status. */
    public Map<io.sightline.transport.v1.GroundingTask, Map<GroundingStatus, Long>> taskAnswers() {
        return grounding.answeredByTask();
    }

    /** Grounding requests answered since start, by status. */
    public Map<GroundingStatus, Long> groundingAnswers() {
        return grounding.answered();
    }

    /** The state and its reasons as of the last check (STARTING until the first frame is processed). */
    public ServiceCondition.Assessment condition() {
        return health.assessment();
    }

    /** The latest processed frame to look at (the HTTP live view): its message and, on request, a drawn JPEG. */
    public FrameView view() {
        return view;
    }

    /** The camera this service serves. */
    public String cameraId() {
        return parts.mapper().cameraId();
    }

    /**
     * Answers a grounding request the way MQTT requests are answered (the same {@link GroundingService}, the same
     * request rules, request id and expression echoed, latency measured), for the HTTP port.
     */
    public GroundingResult ground(GroundingRequest request) {
        long t0 = System.nanoTime();
        Optional<String> problem = GroundingResponder.problemWith(request);
        GroundingResult r = problem.isPresent()
            ? ProtoMapper.failure(GroundingStatus.GROUNDING_STATUS_ERROR, problem.get())
            : grounding.ground(request);
        GroundingResult.Builder b = r.toBuilder().setRequestId(request.getRequestId()).setExpression(request.getExpression());
        if (b.getLatencyMs() == 0) {
            b.setLatencyMs((System.nanoTime() - t0) / 1e6);
        }
        return b.build();
    }

    /** The latest processed frame; empty before the first. */
    public Optional<ProcessedFrame> latest() {
        return loop.latest();
    }

    /**
     * The source's final status once it ended (a recording played to its end, not looping) and the pipeline
     * processed its last frame; empty while frames may still come (a failed source reconnects or stays FAILED).
     */
    public Optional<SourceStatus> sourceEnded() {
        if (processing.isAlive()) {
            return Optional.empty();
        }
        SourceStatus s = sourceStatus();
        return s.state() == SourceState.ENDED ? Optional.of(s) : Optional.empty();
    }

    /** What the source is: URI without credentials, resolution, fps, codec. */
    public SourceInfo sourceInfo() {
        return parts.source().info();
    }

    public String describe() {
        return parts.source().describe() + " -> " + parts.vlm().summary() + " -> " + parts.broker().description();
    }

    /**
     * Stops the source, lets the pipeline finish its frame, publishes OFFLINE (retained) and disconnects,
     * closes the model and stops the embedded broker when this service started one. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        List<RuntimeException> failures = new ArrayList<>();
        try {
            LiveCapture c = capture;
            if (c != null) {
                c.close(); // the capture thread closes the source
            } else {
                parts.source().close(); // never opened by a capture thread
            }
            slot.close();
            join(processing);
            ticker.shutdownNow();
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run(failures, responder::close);
        run(failures, view::close);
        closeParts(parts, failures, Duration.ofSeconds(1));
        log.info("stopped after {} frames", metrics.snapshot().frames());
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /**
     * Client (OFFLINE first), recorder (after the client, so that OFFLINE is in the recording), model, then broker:
     * what the service owns besides its threads and the source.
     */
    private static void closeParts(ServiceParts p, List<RuntimeException> failures, Duration flush) {
        run(failures, () -> p.client().close(flush));
        run(failures, p.recorder()::close);
        run(failures, p.vlm()::close);
        run(failures, p.broker()::close);
    }

    private static void join(Thread t) throws InterruptedException {
        if (t.isAlive()) {
            t.join(JOIN_MS);
            if (t.isAlive()) {
                log.warn("thread {} did not stop within {} ms", t.getName(), JOIN_MS);
            }
        }
    }

    private static void run(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("shutdown step failed", e);
            failures.add(e);
        }
    }
}
