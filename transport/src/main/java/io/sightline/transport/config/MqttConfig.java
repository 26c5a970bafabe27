package io.sightline.transport.config;

/**
 * The {@code mqtt} section. {@code url} empty = automatic: a broker answering on localhost:1883, else
 * the embedded HiveMQ CE broker on {@code embeddedBrokerPort}; {@code forceEmbedded} skips the probe.
 * Durations are in the unit their name ends with.
 */
public record MqttConfig(String url, String robotId, String clientId, String username, Secret password,
                         TlsConfig tls, int embeddedBrokerPort, boolean forceEmbedded, int keepAliveS,
                         int connectTimeoutS, int willDelayS, int reconnectInitialMs, int reconnectMaxMs,
                         int outboxCapacity, int queueExpiryS, String sharedGroup, int maxRequestBytes,
                         int groundingTimeoutMs, int requestCacheSize, int maxDeadlineMs, long requestCacheBytes,
                         int groundingQueueSize, int groundingRatePerClient, int groundingRefusalsPerSecond,
                         String responseTopicPrefixes) {
    public MqttConfig {
        robotId = RobotId.resolve(robotId);
        if (robotId == null || robotId.isBlank() || robotId.matches(".*[/+#\\s].*")) {
            throw new ConfigException("mqtt.robot_id: '" + robotId
                    + "' must be non-empty and contain no '/', '+', '#' or whitespace");
        }
        requireRange("mqtt.embedded_broker_port", embeddedBrokerPort, 0, 65535);
        requireRange("mqtt.keep_alive_s", keepAliveS, 1, 65535);
        requireRange("mqtt.connect_timeout_s", connectTimeoutS, 1, 600);
        requireRange("mqtt.will_delay_s", willDelayS, 0, 3600);
        requireRange("mqtt.reconnect_initial_ms", reconnectInitialMs, 1, 600_000);
        requireRange("mqtt.reconnect_max_ms", reconnectMaxMs, reconnectInitialMs, 3_600_000);
        requireRange("mqtt.outbox_capacity", outboxCapacity, 1, 1_000_000);
        requireRange("mqtt.queue_expiry_s", queueExpiryS, 1, 86_400);
        requireRange("mqtt.max_request_bytes", maxRequestBytes, 64, 16 << 20);
        requireRange("mqtt.grounding_timeout_ms", groundingTimeoutMs, 1, 600_000);
        requireRange("mqtt.request_cache_size", requestCacheSize, 0, 1_000_000);
        requireRange("mqtt.max_deadline_ms", maxDeadlineMs, groundingTimeoutMs, 3_600_000);
        if (requestCacheBytes < 0 || requestCacheBytes > 1L << 32) {
            throw new ConfigException("mqtt.request_cache_bytes: " + requestCacheBytes + " is outside [0, " + (1L << 32) + "]");
        }
        requireRange("mqtt.grounding_queue_size", groundingQueueSize, 1, 10_000);
        requireRange("mqtt.grounding_rate_per_client", groundingRatePerClient, 1, 100_000);
        requireRange("mqtt.grounding_refusals_per_second", groundingRefusalsPerSecond, 1, 100_000);
        responseTopicPrefixes = responseTopicPrefixes == null ? "" : responseTopicPrefixes.trim();
        responsePrefixes(responseTopicPrefixes);
        tls = tls == null ? new TlsConfig(false, null, null, null, null, null) : tls;
        url = url == null || url.isBlank() ? null : url.trim();
        clientId = clientId == null || clientId.isBlank() ? null : clientId;
        sharedGroup = sharedGroup == null || sharedGroup.isBlank() ? null : sharedGroup;
        if (sharedGroup != null && sharedGroup.matches(".*[/+#].*")) {
            throw new ConfigException("mqtt.shared_group: '" + sharedGroup + "' must not contain '/', '+' or '#'");
        }
        if (tls.enabled() && (url == null || !url.matches("(ssl|wss)://.+"))) {
            throw new ConfigException("mqtt.tls.enabled: true needs an ssl:// (or wss://) mqtt.url, but it is "
                    + (url == null ? "empty (the automatic broker choice is plain TCP)" : "'" + url + "'"));
        }
        if (usesTls(tls, url)) {
            // read the stores now, so that a wrong path or password stops start-up instead of every connect failing
            tls.openTrustStore();
            tls.openKeyStore();
        }
    }

    /** True when TLS is asked for explicitly or implied by the URL scheme. */
    public boolean usesTls() {
        return usesTls(tls, url);
    }

    private static boolean usesTls(TlsConfig tls, String url) {
        return tls.enabled() || (url != null && url.matches("(ssl|wss)://.+"));
    }

    /** {@code mqtt.response_topic_prefixes} as a list: comma-separated topic prefixes, none empty. */
    public java.util.List<String> responsePrefixList() {
        return responsePrefixes(responseTopicPrefixes);
    }

    private static java.util.List<String> responsePrefixes(String commaSeparated) {
        if (commaSeparated.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<String> out = java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
        for (String p : out) {
            if (p.isEmpty() || p.startsWith("$") || p.matches(".*[+#\\s\\x00].*")) {
                throw new ConfigException("mqtt.response_topic_prefixes: '" + p + "' must be a non-empty topic prefix"
                        + " without '+', '#', whitespace or a leading '$'");
            }
        }
        return out;
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key + ": " + value + " is outside [" + min + ", " + max + "]");
        }
    }
}
