package io.sightline.perception.service;

import io.sightline.perception.geometry.GroundProjector;
import io.sightline.perception.geometry.GroundProjectorConfig;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.pipeline.PerceptionResult;
import io.sightline.perception.pipeline.RelationStage;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.LatestFrameSlot;
import io.sightline.perception.source.SourceException;
import io.sightline.perception.tracking.TrackEvent;
import io.sightline.perception.tracking.Tracker;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.transport.broker.BrokerChoice;
import io.sightline.transport.broker.BrokerProbe;
import io.sightline.transport.broker.BrokerSelector;
import io.sightline.transport.config.MqttConfig;
import io.sightline.transport.config.SightlineConfig;
import io.sightline.transport.mqtt.ClientStats;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sightline run}: one camera through the perception pipeline, published over MQTT
 * (ARCHITECTURE.md sections 3, 7, 9).
 *
 * <p>Threads: a capture thread reads the source into a {@link LatestFrameSlot} (latest-frame-wins, drops
 * counted); a processing thread runs the pipeline on the newest frame and hands DetectionFrame, SceneSnapshot
 * and TrackEvents to the MQTT client (which never blocks: its own thread sends, queues while offline and
 * reconnects); transport's responder answers grounding requests on its worker thread with the latest frame's
 * image features; a 1 Hz ticker publishes Health, updates the status (ONLINE / DEGRADED with reasons) and
 * draws the console line. {@link #close()} stops the source, drains, publishes OFFLINE and stops the broker
 * it started.
 */
public final class PerceptionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PerceptionService.class);
    private static final long TAKE_WAIT_MS = 200;
    private static final long JOIN_MS = 5000;

    private final ServiceSettings settings;
    private final VlmModel vlm;
    private final ServiceSource source;
    private final PerceptionPipeline pipeline;
    private final Tracker tracker;
    private final ProtoMapper mapper;
    private final ServiceCondition condition;
    private final ServiceStatus statusTemplate;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong frameErrors = new AtomicLong();
    private final Thread capture;
    private final Thread processing;
    private BrokerChoice broker;
    private SightlineMqttClient client;
    private GroundingResponder responder;
    private ScheduledExecutorService ticker;
    private volatile boolean running = true;
    private volatile ProcessedFrame latest;
    private volatile String lastFrameError = "";
    private volatile List<String> reasons = List.of();
    private long frameErrorsSeen;

    private PerceptionService(ServiceSettings settings, VlmModel vlm, ServiceSource source) {
        this.settings = settings;
        this.vlm = vlm;
        this.source = source;
        SightlineConfig c = settings.config();
        String cameraId = c.source().cameraId();
        // The pipeline of PerceptionPipeline.forModel, with the tracker kept here: its events go to events/{camera}.
        GroundProjector projector = new GroundProjector(source.camera(), GroundProjectorConfig.tabletop());
        this.tracker = new Tracker(TrackerConfig.defaults(), projector::position);
        this.pipeline = new PerceptionPipeline(source.describe(), vlm.encoder(), vlm.detections().orElseThrow(() ->
            new ServiceException("model pack " + vlm.pack().dir() + " has no dense detection head (manifest.json dense_head);"
                + " sightline run needs one")), tracker, new RelationStage(new RelationExtractor(RelationConfig.groundTruthMargins())));
        String backendId = BackendIds.shortId(vlm.backendChoice(), vlm.precision());
        this.mapper = new ProtoMapper(c.mqtt().robotId(), cameraId, vlm.pack().manifest().name() + "@"
            + vlm.pack().manifest().version(), backendId);
        this.condition = new ServiceCondition(source.describe(), BackendIds.fallbackOnGpuMachine(vlm.backendChoice(),
            c.model().backend()));
        this.statusTemplate = ServiceStatus.newBuilder().setState(ServiceState.SERVICE_STATE_ONLINE)
            .setVersion(settings.version()).setBackendId(backendId).setBackendReason(vlm.backendChoice().reason())
            .setModelId(mapper.modelId()).addCameraIds(cameraId).build();
        this.capture = new Thread(this::captureLoop, "sightline-capture-" + cameraId);
        this.processing = new Thread(this::processingLoop, "sightline-pipeline-" + cameraId);
    }

    /**
     * Validates the pack and opens it on the configured backend, opens the source, picks the broker
     * ({@link BrokerSelector}: configured URL, else localhost:1883 when a broker answers, else the embedded
     * one), connects, and starts the threads. Nothing is left running when it throws.
     *
     * @throws ServiceException naming the key, flag or file that is wrong
     */
    public static PerceptionService start(ServiceSettings settings) {
        SightlineConfig c = settings.config();
        Path packDir = settings.resolve(c.model().pack());
        if (!Files.isDirectory(packDir)) {
            throw new ServiceException("model.pack: no model pack folder at " + packDir.toAbsolutePath()
                + " (give --pack DIR or set model.pack)");
        }
        ServiceSource source = ServiceSource.open(settings.sourceUri(), c.source().cameraId(), c.source().loop(),
            settings.cameraInfo(), settings.extrinsics());
        log.info("source: {} ({})", source.describe(), source.cameraNote());
        if (c.source().fps() > 0) {
            log.warn("source.fps {} is not applied: scenes replay at their recorded rate, cameras at their own", c.source().fps());
        }
        VlmOptions options = ServiceGrounding.decoding(BackendIds.options(c.model(), packDir), c.grounding());
        VlmModel vlm = VlmModel.open(packDir, options);
        PerceptionService service = null;
        try {
            service = new PerceptionService(settings, vlm, source);
            log.info("model: {}", vlm.describe());
            log.info("grounding: {}", ServiceGrounding.describe(c.grounding(),
                vlm.language().grammar(io.sightline.perception.language.Task.GROUND).noneThreshold()));
            service.connect();
            service.startThreads();
            return service;
        } catch (RuntimeException e) {
            if (service != null) {
                service.close();
            } else {
                vlm.close();
                source.source().close();
            }
            throw e;
        }
    }

    private void connect() {
        MqttConfig m = settings.config().mqtt();
        broker = new BrokerSelector(new BrokerProbe(1000)).select(m);
        client = SightlineMqttClient.start(MqttSettings.service(m, broker.uri()));
        reasons = condition.reasons(source.source().status(), 0, "");
        client.updateStatus(status(reasons));
        responder = new GroundingResponder(client, new GroundingService(
            Grounder.forModel(vlm, ServiceGrounding.matching(settings.config().grounding())), this::latest, mapper),
            m.maxRequestBytes(), m.groundingTimeoutMs(), m.requestCacheSize(), m.sharedGroup());
    }

    private void startThreads() {
        capture.setDaemon(true);
        processing.setDaemon(true);
        processing.start();
        capture.start();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sightline-health");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Which broker is in use and why (the embedded one can be stopped and restarted by fault tests). */
    public BrokerChoice broker() {
        return broker;
    }

    public SightlineMqttClient client() {
        return client;
    }

    public ServiceMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    /** DEGRADED reasons as of the last check; empty = ONLINE. */
    public List<String> degradedReasons() {
        return reasons;
    }

    /** The latest processed frame; empty before the first. */
    public Optional<ProcessedFrame> latest() {
        return Optional.ofNullable(latest);
    }

    public String describe() {
        return source.describe() + " -> " + vlm.describe() + " -> " + broker.description();
    }

    private void captureLoop() {
        FrameSource s = source.source();
        try {
            s.open();
            while (running) {
                Optional<Frame> f = s.next();
                if (f.isEmpty()) {
                    log.info("{} ended after {} frames; the service keeps answering on the last frame", s.describe(),
                        s.status().delivered());
                    return;
                }
                slot.offer(f.get());
            }
        } catch (SourceException e) {
            if (running) {
                // A recording that cannot be read (a camera reconnects inside its ReconnectingSource instead).
                log.error("{} stopped: {}", s.describe(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("{} stopped", s.describe(), e);
        } finally {
            s.close();
        }
    }

    private void processingLoop() {
        long skippedSeen = 0;
        while (running) {
            Optional<Frame> next;
            try {
                next = slot.take(TAKE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next.isEmpty()) {
                continue;
            }
            try (Frame frame = next.get()) {
                long skipped = source.source().status().skipped();
                process(frame, skipped - skippedSeen);
                skippedSeen = skipped;
            } catch (RuntimeException e) {
                long n = frameErrors.incrementAndGet();
                lastFrameError = e.toString();
                if (n == 1 || n % 100 == 0) {
                    log.warn("frame failed in the pipeline ({} so far)", n, e);
                }
            }
        }
    }

    private void process(Frame frame, long skippedBefore) {
        // Time in the slot counts as capture-to-preprocess: the frame's wait for a free pipeline.
        long waited = Math.max(0, System.nanoTime() - frame.captureNanos());
        PerceptionResult r = pipeline.process(frame, waited, skippedBefore);
        PerceptionPipeline.FrameContext ctx = pipeline.latest().orElseThrow();
        List<TrackEvent> events = tracker.events();
        long t0 = System.nanoTime();
        long dropped = slot.dropped() + source.source().status().skipped();
        DetectionFrame df = mapper.detectionFrame(ctx, frame.captureEpochMs(), dropped, 0);
        client.publishScene(mapper.sceneSnapshot(ctx, frame.captureEpochMs()));
        for (TrackEvent e : events) {
            client.publishEvent(mapper.trackEvent(e, r.width(), r.height(), frame.captureEpochMs()));
        }
        long publish = System.nanoTime() - t0;
        client.publishDetections(mapper.withPublishTime(df, r, publish));
        latest = new ProcessedFrame(ctx, frame.captureEpochMs());
        metrics.frame(r.timings(), publish, r.ageNanos() + publish, dropped, r.objects().size());
    }

    /** Once a second: status when the reasons changed, Health, the console line. */
    private void tick() {
        try {
            long errors = frameErrors.get();
            List<String> now = condition.reasons(source.source().status(), errors - frameErrorsSeen, lastFrameError);
            frameErrorsSeen = errors;
            if (!now.equals(reasons)) {
                if (now.isEmpty()) {
                    log.info("status ONLINE again");
                } else {
                    log.warn("status DEGRADED: {}", String.join("; ", now));
                }
                reasons = now;
                client.updateStatus(status(now));
            }
            ServiceMetrics.Snapshot m = metrics.snapshot();
            GroundingResponder.Counters g = responder.counters();
            ClientStats cs = client.stats();
            client.publishHealth(mapper.health(m, g.requests(), g.errors(), g.malformed(), Math.max(0, cs.births() - 1),
                cs.outboxDropped()));
            Consumer<String> console = settings.console();
            if (console != null) {
                console.accept(ConsoleStatusLine.render(m, mapper.cameraId(), now.isEmpty() ? "ONLINE" : "DEGRADED",
                    cs.connected(), mapper.backendId()));
            }
        } catch (RuntimeException e) {
            log.warn("health tick failed", e);
        }
    }

    private ServiceStatus status(List<String> degraded) {
        return statusTemplate.toBuilder()
            .setState(degraded.isEmpty() ? ServiceState.SERVICE_STATE_ONLINE : ServiceState.SERVICE_STATE_DEGRADED)
            .clearDegradedReasons().addAllDegradedReasons(degraded).build();
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
            if (capture.getState() == Thread.State.NEW) {
                source.source().close(); // never opened by a capture thread
            }
            capture.interrupt();
            join(capture);
            slot.close();
            join(processing);
            if (ticker != null) {
                ticker.shutdownNow();
                ticker.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run(failures, () -> {
            if (responder != null) {
                responder.close();
            }
        });
        run(failures, () -> {
            if (client != null) {
                client.close(Duration.ofSeconds(1));
            }
        });
        run(failures, vlm::close);
        run(failures, () -> {
            if (broker != null) {
                broker.close();
            }
        });
        log.info("stopped after {} frames", metrics.snapshot().frames());
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
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
