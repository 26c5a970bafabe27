package io.sightline.transport.mqtt;

import io.sightline.transport.config.MqttConfig;
import java.util.List;
import java.util.Optional;

/**
 * The limits the {@link GroundingResponder} holds every requester to, from the {@code mqtt} section.
 *
 * @param maxRequestBytes   larger payloads get ERROR ({@code mqtt.max_request_bytes})
 * @param defaultTimeoutMs  when a request has no deadline ({@code mqtt.grounding_timeout_ms})
 * @param maxDeadlineMs     deadlines further away are clamped to this ({@code mqtt.max_deadline_ms})
 * @param cacheEntries      idempotency cache, entries ({@code mqtt.request_cache_size})
 * @param cacheBytes        idempotency cache, bytes ({@code mqtt.request_cache_bytes})
 * @param queueSize         requests waiting for the worker; more get BUSY at once ({@code mqtt.grounding_queue_size})
 * @param ratePerClient     requests a second per response topic ({@code mqtt.grounding_rate_per_client})
 * @param refusalsPerSecond immediate refusals (BUSY, ERROR) answered a second, all requesters together; more are
 *                          dropped unanswered, so that a flood is not answered by a flood ({@code mqtt.grounding_refusals_per_second})
 * @param responsePrefixes  allowed response topic prefixes besides the robot's root ({@code mqtt.response_topic_prefixes})
 * @param sharedGroup       present: subscribe as {@code $share/<group>/...} ({@code mqtt.shared_group})
 */
public record GroundingSettings(int maxRequestBytes, long defaultTimeoutMs, long maxDeadlineMs, int cacheEntries,
                                long cacheBytes, int queueSize, int ratePerClient, int refusalsPerSecond,
                                List<String> responsePrefixes,
                                Optional<String> sharedGroup) {
    public GroundingSettings {
        responsePrefixes = List.copyOf(responsePrefixes);
        if (maxDeadlineMs < defaultTimeoutMs) {
            throw new IllegalArgumentException("max deadline " + maxDeadlineMs + " ms < default timeout " + defaultTimeoutMs + " ms");
        }
    }

    public static GroundingSettings of(MqttConfig c) {
        return new GroundingSettings(c.maxRequestBytes(), c.groundingTimeoutMs(), c.maxDeadlineMs(), c.requestCacheSize(),
                c.requestCacheBytes(), c.groundingQueueSize(), c.groundingRatePerClient(), c.groundingRefusalsPerSecond(),
                c.responsePrefixList(),
                Optional.ofNullable(c.sharedGroup()));
    }
}
