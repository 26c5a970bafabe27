package io.sightline.transport.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The asking side of grounding over MQTT 5: subscribes a private response topic, sends each request
 * with that response topic and the request_id as correlation data, and completes the request's future
 * when the matching result comes back. Used by {@code sightline ground}, the benchmark and tests.
 */
public final class GroundingRequester {
    private final SightlineMqttClient client;
    private final String responseTopic;
    private final Map<String, CompletableFuture<GroundingResult>> pending = new ConcurrentHashMap<>();

    public GroundingRequester(SightlineMqttClient client) {
        this.client = client;
        this.responseTopic = client.topics().groundResponse(client.settings().clientId());
        client.subscribe(responseTopic, Channel.GROUND_RESULT.qos(), this::onResult);
    }

    public String responseTopic() {
        return responseTopic;
    }

    /** Sends the request; the future completes with the result or exceptionally after {@code timeout}. */
    public CompletableFuture<GroundingResult> request(GroundingRequest request, Duration timeout) {
        CompletableFuture<GroundingResult> result = new CompletableFuture<>();
        pending.put(request.getRequestId(), result);
        client.publishRequest(request, responseTopic, CorrelationData.utf8(request.getRequestId()));
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(request.getRequestId(), result));
    }

    private void onResult(InboundMessage in) {
        CompletableFuture<GroundingResult> waiting = in.correlationData().map(c -> pending.get(c.toUtf8())).orElse(null);
        if (waiting == null) {
            return;
        }
        try {
            waiting.complete(GroundingResult.parseFrom(in.payload()));
        } catch (InvalidProtocolBufferException e) {
            waiting.completeExceptionally(new IllegalStateException("undecodable GroundingResult on " + in.topic(), e));
        }
    }
}
