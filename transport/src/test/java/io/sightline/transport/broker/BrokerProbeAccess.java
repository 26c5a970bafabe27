package io.sightline.transport.broker;

/** Lets tests in other packages write the probe's MQTT CONNECT packet. */
public final class BrokerProbeAccess {
    private BrokerProbeAccess() {
    }

    public static int freePort() {
        return EmbeddedBroker.freePort();
    }

    public static byte[] connectPacket(String clientId) {
        return BrokerProbe.connectPacket(clientId);
    }
}
