package io.sightline.transport.mqtt;

/**
 * A received PUBLISH with the MQTT 5 properties Sightline uses. {@code responseTopic},
 * {@code correlationData} and {@code contentType} are null when absent.
 */
public record InboundMessage(String topic, byte[] payload, boolean retained, String contentType,
                             String responseTopic, byte[] correlationData, long receivedNanos) {
}
