package io.sightline.transport.mqtt;

/**
 * Sees every message a {@link SightlineMqttClient} is handed to publish (the service's status with its stamp and
 * birth, detections, scenes, events, health, grounding results), on the publishing thread, whether or not the
 * broker is reachable: it must not block (a recorder queues it and returns).
 */
@FunctionalInterface
public interface PublishListener {
    /** @param epochNanos when it was handed over, nanoseconds since the epoch */
    void published(OutboundMessage message, long epochNanos);
}
