package io.sightline.transport.mqtt;

/**
 * One message waiting in the outbox, with everything the MQTT PUBLISH needs.
 *
 * @param expirySeconds     MQTT 5 message expiry, 0 = none
 * @param responseTopic     MQTT 5 response topic, or null
 * @param correlationData   MQTT 5 correlation data, or null
 * @param discardAtNanos    {@link System#nanoTime()} after which the outbox drops it unsent
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain, String contentType,
                              long expirySeconds, String responseTopic, byte[] correlationData,
                              boolean latestWins, long discardAtNanos) {
    boolean expired(long nowNanos) {
        return nowNanos - discardAtNanos > 0;
    }
}
