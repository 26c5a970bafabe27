package io.sightline.perception.service;

import io.sightline.perception.source.SourceInfo;
import io.sightline.perception.source.SourceStatus;
import io.sightline.transport.mqtt.ClientStats;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.SourceReport;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second ({@link #tick}): the status when the {@link ServiceCondition.Assessment} or the source's report
 * ({@link ProtoMapper#sourceReport}: what it is, frames skipped, reconnects) changed, Health, and the
 * console line; {@link #refresh} checks the status alone (the first processed frame turns STARTING into ONLINE at
 * once). Runs on the service's health thread only.
 */
final class HealthReporter {
    private static final Logger log = LoggerFactory.getLogger(HealthReporter.class);

    private final ServiceCondition condition;
    private final ServiceStatus statusTemplate;
    private final Supplier<SourceStatus> source;
    private final Supplier<SourceInfo> sourceInfo;
    private final BooleanSupplier firstFrameDone;
    private final FrameErrors errors;
    private final ServiceMetrics metrics;
    private final ProtoMapper mapper;
    private final SightlineMqttClient client;
    private final Supplier<GroundingResponder.Counters> grounding;
    private final java.util.function.LongSupplier unanswered;
    private final Consumer<String> console;
    private final Supplier<Optional<String>> recording;
    private volatile ServiceCondition.Assessment assessment;
    private SourceReport report;
    private long errorsSeen;

    /**
     * Publishes the first status (STARTING, unless the source already says otherwise) at once.
     *
     * @param source         the source's status as the capture sees it
     * @param sourceInfo     what the source is (URI without credentials, size, fps, codec)
     * @param firstFrameDone whether a frame has gone through the pipeline
     * @param recording      why recording stopped, empty while it works or when nothing is recorded
     */
    HealthReporter(ServiceCondition condition, ServiceStatus statusTemplate, Supplier<SourceStatus> source,
                   Supplier<SourceInfo> sourceInfo, BooleanSupplier firstFrameDone, FrameErrors errors,
                   ServiceMetrics metrics, ProtoMapper mapper, SightlineMqttClient client,
                   Supplier<GroundingResponder.Counters> grounding, java.util.function.LongSupplier unanswered,
                   Consumer<String> console, Supplier<Optional<String>> recording) {
        this.unanswered = unanswered;
        this.condition = condition;
        this.statusTemplate = statusTemplate;
        this.source = source;
        this.sourceInfo = sourceInfo;
        this.firstFrameDone = firstFrameDone;
        this.errors = errors;
        this.metrics = metrics;
        this.mapper = mapper;
        this.client = client;
        this.grounding = grounding;
        this.console = console;
        this.recording = recording;
        SourceStatus s = source.get();
        this.assessment = condition.assess(s, firstFrameDone.getAsBoolean(), 0, "", recording.get());
        this.report = ProtoMapper.sourceReport(sourceInfo.get(), s);
        client.updateStatus(status(assessment));
    }

    /** The state and its reasons as of the last check. */
    ServiceCondition.Assessment assessment() {
        return assessment;
    }

    /** Re-assesses the status (pipeline errors are counted by {@link #tick} only) and publishes it when it changed. */
    void refresh() {
        try {
            SourceStatus s = source.get();
            update(condition.assess(s, firstFrameDone.getAsBoolean(), 0, errors.last(), recording.get()), ProtoMapper.sourceReport(sourceInfo.get(), s), false);
        } catch (RuntimeException e) {
            log.warn("status check failed", e);
        }
    }

    void tick() {
        try {
            long n = errors.count();
            SourceStatus s = source.get();
            ServiceCondition.Assessment now = update(condition.assess(s, firstFrameDone.getAsBoolean(),
                n - errorsSeen, errors.last(), recording.get()), ProtoMapper.sourceReport(sourceInfo.get(), s), true);
            errorsSeen = n;
            ServiceMetrics.Snapshot m = metrics.snapshot();
            GroundingResponder.Counters g = grounding.get();
            ClientStats cs = client.stats();
            client.publishHealth(mapper.health(m, g, Math.max(0, cs.births() - 1), cs.outboxDropped()).toBuilder()
                .setUnansweredRequests(unanswered.getAsLong()).build());
            console.accept(ConsoleStatusLine.render(m, mapper.cameraId(), now.label(), cs.connected(), mapper.backendId()));
        } catch (RuntimeException e) {
            log.warn("health tick failed", e);
        }
    }

    /**
     * Publishes the status when {@code now} or the source's report differs from the last one. A refresh between ticks
     * sees no pipeline errors, so it leaves a DEGRADED that only errors caused to the next tick.
     */
    private ServiceCondition.Assessment update(ServiceCondition.Assessment now, SourceReport nowReport, boolean withErrors) {
        ServiceCondition.Assessment before = assessment;
        if (!withErrors && before.state() == ServiceState.SERVICE_STATE_DEGRADED && now.online()) {
            now = before;
        }
        boolean reportChanged = !nowReport.equals(report);
        report = nowReport;
        if (now.equals(before)) {
            if (reportChanged) {
                client.updateStatus(status(now));
            }
        } else {
            if (now.online()) {
                log.info("status ONLINE{}", before.state() == ServiceState.SERVICE_STATE_STARTING ? "" : " again");
            } else {
                log.warn("status {}: {}", now.label(), String.join("; ", now.reasons()));
            }
            assessment = now;
            client.updateStatus(status(now));
        }
        return now;
    }

    private ServiceStatus status(ServiceCondition.Assessment a) {
        return statusTemplate.toBuilder().setState(a.state()).clearDegradedReasons().addAllDegradedReasons(a.reasons())
            .setSource(report).build();
    }
}
