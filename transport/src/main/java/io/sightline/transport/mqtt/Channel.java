package io.sightline.transport.mqtt;

import com.google.protobuf.Descriptors.Descriptor;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.Health;
import io.sightline.transport.v1.SceneSnapshot;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.TrackEvent;
import java.util.OptionalLong;

/**
 * The topic table of ARCHITECTURE.md section 7: per channel the payload type, QoS, retain flag and
 * MQTT 5 message expiry (section 3.3.2.3.3: seconds, none, or the configured queue expiry). {@code perCamera} channels end in /{camera}.
 * {@code latestWins} channels keep only the newest unsent message per topic while offline; the others
 * are queued in order.
 */
public enum Channel {
    STATUS("status", ServiceStatus.getDescriptor(), Qos.AT_LEAST_ONCE, true, Expiry.NONE, false, true),
    HEALTH("health", Health.getDescriptor(), Qos.AT_MOST_ONCE, true, 3, false, true),
    DETECTIONS("detections", DetectionFrame.getDescriptor(), Qos.AT_MOST_ONCE, false, 1, true, true),
    SCENE("scene", SceneSnapshot.getDescriptor(), Qos.AT_MOST_ONCE, true, Expiry.NONE, true, true),
    EVENTS("events", TrackEvent.getDescriptor(), Qos.AT_LEAST_ONCE, false, Expiry.QUEUE, true, false),
    GROUND_REQUEST("ground/request", GroundingRequest.getDescriptor(), Qos.AT_LEAST_ONCE, false, Expiry.QUEUE, false, false),
    GROUND_RESULT("ground/result", GroundingResult.getDescriptor(), Qos.AT_LEAST_ONCE, false, Expiry.QUEUE, false, false);

    /** The expiry column of the table: seconds, or one of these. */
    private static final class Expiry {
        static final int NONE = 0;
        /** The queue expiry from configuration. */
        static final int QUEUE = -1;
    }

    private final String suffix;
    private final Descriptor payload;
    private final Qos qos;
    private final boolean retain;
    private final int expirySeconds;
    private final boolean perCamera;
    private final boolean latestWins;

    Channel(String suffix, Descriptor payload, Qos qos, boolean retain, int expirySeconds, boolean perCamera,
            boolean latestWins) {
        this.suffix = suffix;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.expirySeconds = expirySeconds;
        this.perCamera = perCamera;
        this.latestWins = latestWins;
    }

    public String suffix() {
        return suffix;
    }

    public Descriptor payload() {
        return payload;
    }

    public Qos qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    /**
     * The MQTT 5 message expiry of this channel's messages in seconds: the channel's own, or for the queued
     * channels (events, grounding) the configured queue expiry; empty when they never expire.
     */
    public OptionalLong messageExpirySeconds(long queueExpirySeconds) {
        long seconds = expirySeconds == Expiry.QUEUE ? queueExpirySeconds : expirySeconds;
        return seconds > 0 ? OptionalLong.of(seconds) : OptionalLong.empty();
    }

    public boolean perCamera() {
        return perCamera;
    }

    public boolean latestWins() {
        return latestWins;
    }

    /** MQTT 5 content type (section 3.3.2.3.9) naming the Protobuf message, so generic tools can decode. */
    public String contentType() {
        return contentTypeOf(payload);
    }

    public static String contentTypeOf(Descriptor message) {
        return "application/x-protobuf; type=" + message.getFullName();
    }

    /** The channel whose name is given on the command line: "detections", "ground/request", "ground-result"... */
    public static Channel byName(String name) {
        String wanted = name.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '/').replace('_', '/');
        for (Channel c : values()) {
            if (c.suffix.equals(wanted) || c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '/').equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown topic '" + name + "'; known: status, health, detections, scene, "
                + "events, ground/request, ground/result");
    }
}
