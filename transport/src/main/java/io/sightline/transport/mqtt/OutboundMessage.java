package io.sightline.transport.mqtt;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One PUBLISH of a {@link Channel}, with everything it needs (made by {@link #of} from the channel's row of the
 * topic table); {@link #toMqttMessage()} is the one place its MQTT 5 properties are set. QoS, retain, content type
 * and latest-wins come from the channel.
 *
 * @param messageExpirySeconds MQTT 5 message expiry (section 3.3.2.3.3), empty = the message never expires
 * @param responseTopic        MQTT 5 response topic (section 3.3.2.3.5)
 * @param correlationData      MQTT 5 correlation data (section 3.3.2.3.6)
 * @param discardAtNanos       {@link System#nanoTime()} after which the outbox drops it unsent
 */
public record OutboundMessage(Channel channel, String topic, ByteString payload, OptionalLong messageExpirySeconds,
                              Optional<String> responseTopic, Optional<CorrelationData> correlationData,
                              long discardAtNanos) {
    /**
     * The message of {@code channel} to {@code topic}: expiry per channel ({@link Channel#messageExpirySeconds}),
     * kept unsent in the outbox for that expiry, or for {@code queueExpirySeconds} when the message has none.
     */
    public static OutboundMessage of(Channel channel, String topic, Message payload, Optional<String> responseTopic,
                                     Optional<CorrelationData> correlationData, long queueExpirySeconds, long nowNanos) {
        OptionalLong expiry = channel.messageExpirySeconds(queueExpirySeconds);
        long keepNanos = TimeUnit.SECONDS.toNanos(expiry.orElse(queueExpirySeconds));
        return new OutboundMessage(channel, topic, payload.toByteString(), expiry, responseTopic, correlationData,
                nowNanos + keepNanos);
    }

    public Qos qos() {
        return channel.qos();
    }

    public boolean retain() {
        return channel.retain();
    }

    /** MQTT 5 content type (section 3.3.2.3.9) naming the payload's Protobuf message. */
    public String contentType() {
        return channel.contentType();
    }

    boolean latestWins() {
        return channel.latestWins();
    }

    boolean expired(long nowNanos) {
        return nowNanos - discardAtNanos > 0;
    }

    /** The Paho PUBLISH: payload, QoS, retain and every MQTT 5 property this message has. */
    /**
     * This message dropped unsent after {@code sendByNanos} if that is sooner than its own discard time, its MQTT message
     * expiry (section 3.3.2.3.3) at most the seconds left until then (at least 1: 0 would mean none).
     */
    OutboundMessage sentBy(long sendByNanos, long nowNanos) {
        long discard = sendByNanos - discardAtNanos < 0 ? sendByNanos : discardAtNanos;
        long left = Math.max(1, (discard - nowNanos + 999_999_999L) / 1_000_000_000L);
        OptionalLong expiry = OptionalLong.of(messageExpirySeconds.isPresent()
            ? Math.min(messageExpirySeconds.getAsLong(), left) : left);
        return new OutboundMessage(channel, topic, payload, expiry, responseTopic, correlationData, discard);
    }

    MqttMessage toMqttMessage() {
        MqttMessage m = new MqttMessage(payload.toByteArray());
        m.setQos(qos().level());
        m.setRetained(retain());
        MqttProperties p = new MqttProperties();
        p.setContentType(contentType());
        messageExpirySeconds.ifPresent(p::setMessageExpiryInterval);
        responseTopic.ifPresent(p::setResponseTopic);
        correlationData.ifPresent(c -> p.setCorrelationData(c.toByteArray()));
        m.setProperties(p);
        return m;
    }
}
