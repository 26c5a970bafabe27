package io.sightline.http;

import io.sightline.perception.service.PerceptionService;
import io.sightline.perception.service.ServiceMetrics;
import io.sightline.transport.mqtt.ClientStats;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.GroundingTask;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where {@code /metrics} reads each figure: the counters the service keeps anyway (its {@link ServiceMetrics}, the
 * grounding responder's and service's counts, the MQTT client's {@link ClientStats}); nothing is counted twice.
 */
public record MetricReadings(ServiceMetrics frames, LongSupplier frameErrors,
                             Supplier<GroundingResponder.Counters> groundingRequests,
                             Supplier<Map<GroundingStatus, Long>> groundingAnswers, Supplier<ClientStats> mqtt,
                             Supplier<String> state, Supplier<Map<GroundingTask, Map<GroundingStatus, Long>>> taskAnswers) {
    public MetricReadings {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(frameErrors, "frameErrors");
        Objects.requireNonNull(groundingRequests, "groundingRequests");
        Objects.requireNonNull(groundingAnswers, "groundingAnswers");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(taskAnswers, "taskAnswers");
    }

    public static MetricReadings of(PerceptionService s) {
        return new MetricReadings(s.frameMetrics(), s::frameErrors, s::groundingRequests, s::groundingAnswers,
            () -> s.client().stats(), () -> s.condition().label(), s::taskAnswers);
    }
}
