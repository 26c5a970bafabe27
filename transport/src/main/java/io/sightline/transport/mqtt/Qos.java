package io.sightline.transport.mqtt;

/** MQTT quality of service (MQTT 5.0 section 4.3): the delivery guarantee of a PUBLISH or a subscription. */
public enum Qos {
    AT_MOST_ONCE(0),
    AT_LEAST_ONCE(1),
    EXACTLY_ONCE(2);

    private final int level;

    Qos(int level) {
        this.level = level;
    }

    /** The number on the wire (0, 1 or 2), as Paho takes it. */
    public int level() {
        return level;
    }
}
