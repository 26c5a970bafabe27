package io.sightline.transport.mqtt;

import io.sightline.transport.config.MqttConfig;
import io.sightline.transport.config.Secret;
import io.sightline.transport.config.TlsConfig;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one {@link SightlineMqttClient} connection needs, resolved from {@link MqttConfig} and the broker
 * URI chosen by the broker selector. A service announces itself (retained status, Will, births); a tool
 * (watch, ground, bench) does not. {@code toString()} shows no secret ({@link Secret} redacts itself).
 */
public record MqttSettings(String serverUri, String robotId, String clientId, String username, Secret password,
                           TlsConfig tls, boolean announceStatus, int keepAliveS, int connectTimeoutS,
                           int willDelayS, long reconnectInitialMs, long reconnectMaxMs, int outboxCapacity,
                           int queueExpiryS) {
    public MqttSettings {
        if (serverUri == null || !serverUri.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("MQTT server URI '" + serverUri + "' must look like tcp://host:port or ssl://host:port");
        }
        Topics.requireLevel("robot id", robotId);
        Topics.requireLevel("client id", clientId);
    }

    /** Settings of the service process ({@code sightline run}). */
    public static MqttSettings service(MqttConfig c, String serverUri) {
        return of(c, serverUri, c.clientId() != null ? c.clientId() : uniqueId("sightline-" + c.robotId()), true);
    }

    /** Settings of a short-lived tool; its client id is always unique so it never kicks the service off. */
    public static MqttSettings tool(MqttConfig c, String serverUri, String role) {
        return of(c, serverUri, uniqueId("sightline-" + role), false);
    }

    private static MqttSettings of(MqttConfig c, String serverUri, String clientId, boolean announce) {
        return new MqttSettings(serverUri, c.robotId(), clientId, c.username(), c.password(), c.tls(), announce,
                c.keepAliveS(), c.connectTimeoutS(), c.willDelayS(), c.reconnectInitialMs(), c.reconnectMaxMs(),
                c.outboxCapacity(), c.queueExpiryS());
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    }

    public MqttSettings withServerUri(String uri) {
        return new MqttSettings(uri, robotId, clientId, username, password, tls, announceStatus, keepAliveS,
                connectTimeoutS, willDelayS, reconnectInitialMs, reconnectMaxMs, outboxCapacity, queueExpiryS);
    }

    public MqttSettings withClientId(String id) {
        return new MqttSettings(serverUri, robotId, id, username, password, tls, announceStatus, keepAliveS,
                connectTimeoutS, willDelayS, reconnectInitialMs, reconnectMaxMs, outboxCapacity, queueExpiryS);
    }

    public boolean usesTls() {
        return tls.enabled() || serverUri.startsWith("ssl://") || serverUri.startsWith("wss://");
    }
}
