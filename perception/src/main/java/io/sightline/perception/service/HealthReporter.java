package io.sightline.perception.service;

import io.sightline.perception.source.FrameSource;
import io.sightline.transport.mqtt.ClientStats;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second ({@link #tick}): the status when the DEGRADED reasons changed, Health, and the console line.
 * Runs on the service's health thread only.
 */
final class HealthReporter {
    private static final Logger log = LoggerFactory.getLogger(HealthReporter.class);

    private final ServiceCondition condition;
    private final ServiceStatus statusTemplate;
    private final FrameSource source;
    private final FrameErrors errors;
    private final ServiceMetrics metrics;
    private final ProtoMapper mapper;
    private final SightlineMqttClient client;
    private final Supplier<GroundingResponder.Counters> grounding;
    private final Consumer<String> console;
    private volatile List<String> reasons;
    private long errorsSeen;

    HealthReporter(ServiceCondition condition, ServiceStatus statusTemplate, FrameSource source, FrameErrors errors,
                   ServiceMetrics metrics, ProtoMapper mapper, SightlineMqttClient client,
                   Supplier<GroundingResponder.Counters> grounding, Consumer<String> console) {
        this.condition = condition;
        this.statusTemplate = statusTemplate;
        this.source = source;
        this.errors = errors;
        this.metrics = metrics;
        this.mapper = mapper;
        this.client = client;
        this.grounding = grounding;
        this.console = console;
        this.reasons = condition.reasons(source.status(), 0, "");
        client.updateStatus(status(reasons));
    }

    /** DEGRADED reasons as of the last check; empty = ONLINE. */
    List<String> reasons() {
        return reasons;
    }

    void tick() {
        try {
            long n = errors.count();
            List<String> now = condition.reasons(source.status(), n - errorsSeen, errors.last());
            errorsSeen = n;
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
            GroundingResponder.Counters g = grounding.get();
            ClientStats cs = client.stats();
            client.publishHealth(mapper.health(m, g, Math.max(0, cs.births() - 1), cs.outboxDropped()));
            console.accept(ConsoleStatusLine.render(m, mapper.cameraId(), now.isEmpty() ? "ONLINE" : "DEGRADED",
                cs.connected(), mapper.backendId()));
        } catch (RuntimeException e) {
            log.warn("health tick failed", e);
        }
    }

    private ServiceStatus status(List<String> degraded) {
        return statusTemplate.toBuilder()
            .setState(degraded.isEmpty() ? ServiceState.SERVICE_STATE_ONLINE : ServiceState.SERVICE_STATE_DEGRADED)
            .clearDegradedReasons().addAllDegradedReasons(degraded).build();
    }
}
