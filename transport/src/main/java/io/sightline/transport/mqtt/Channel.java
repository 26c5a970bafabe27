package io.sightline.transport.mqtt;

import com.google.protobuf.Descriptors.Descriptor;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.Health;
import io.sightline.transport.v1.SceneSnapshot;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.TrackEvent;

/**
 * The topic table of ARCHITECTURE.md section 7: per channel the payload type, QoS, retain flag and
 * MQTT 5 message expiry (section 3.3.2.3.3; 0 = none). {@code perCamera} channels end in /{camera}.
 * {@code latestWins} channels keep only the newest unsent message per topic while offline; the others
 * are queued in order.
 */
public enum Channel {
    STATUS("status", ServiceStatus.getDescriptor(), 1, true, 0, false, true),
    HEALTH("health", Health.getDescriptor(), 0, true, 3, false, true),
    DETECTIONS("detections", DetectionFrame.getDescriptor(), 0, false, 1, true, true),
    SCENE("scene", SceneSnapshot.getDescriptor(), 0, true, 0, true, true),
    EVENTS("events", TrackEvent.getDescriptor(), 1, false, -1, true, false),
    GROUND_REQUEST("ground/request", GroundingRequest.getDescriptor(), 1, false, -1, false, false),
    GROUND_RESULT("ground/result", GroundingResult.getDescriptor(), 1, false, -1, false, false);

    /** Expiry value meaning "the queue expiry from configuration". */
    static final int QUEUE_EXPIRY = -1;

    private final String suffix;
    private final Descriptor payload;
    private final int qos;
    private final boolean retain;
    private final int expirySeconds;
    private final boolean perCamera;
    private final boolean latestWins;

    Channel(String suffix, Descriptor payload, int qos, boolean retain, int expirySeconds, boolean perCamera,
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

    public int qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    /** Seconds, 0 = no expiry, {@link #QUEUE_EXPIRY} = the configured queue expiry. */
    public int expirySeconds() {
        return expirySeconds;
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
