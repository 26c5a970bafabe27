package io.sightline.transport.mqtt;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A received PUBLISH with the MQTT 5 properties Sightline uses; each property is empty when the sender set none. */
public record InboundMessage(String topic, ByteString payload, boolean retained, Optional<String> contentType,
                             Optional<String> responseTopic, Optional<CorrelationData> correlationData,
                             long receivedNanos) {
    /** The message Paho delivered on {@code topic}, received at {@code receivedNanos} ({@link System#nanoTime()}). */
    static InboundMessage of(String topic, MqttMessage message, long receivedNanos) {
        Optional<MqttProperties> p = Optional.ofNullable(message.getProperties());
        return new InboundMessage(topic, ByteString.copyFrom(message.getPayload()), message.isRetained(),
                p.map(MqttProperties::getContentType), p.map(MqttProperties::getResponseTopic),
                p.map(MqttProperties::getCorrelationData).map(CorrelationData::of), receivedNanos);
    }
}
