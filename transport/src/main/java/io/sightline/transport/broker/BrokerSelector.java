package io.sightline.transport.broker;

import io.sightline.transport.config.MqttConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the broker: the configured URL when there is one; with {@code force_embedded} (CLI
 * {@code --embedded-broker-port N}) the embedded broker; otherwise a broker answering on
 * localhost:1883 (robots normally run Mosquitto) and, when none answers, the embedded HiveMQ CE broker
 * on {@code embedded_broker_port}.
 */
public final class BrokerSelector {
    private static final Logger log = LoggerFactory.getLogger(BrokerSelector.class);
    public static final String LOCAL_HOST = "localhost";
    public static final int LOCAL_PORT = 1883;

    private final BrokerProbe probe;

    public BrokerSelector(BrokerProbe probe) {
        this.probe = probe;
    }

    public BrokerChoice select(MqttConfig config) {
        BrokerChoice choice;
        if (config.forceEmbedded()) {
            EmbeddedBroker broker = EmbeddedBroker.start(config.embeddedBrokerPort());
            choice = new BrokerChoice(broker.uri(), BrokerChoice.Kind.EMBEDDED,
                    "embedded HiveMQ CE broker on " + broker.uri() + " (forced by --embedded-broker-port / mqtt.force_embedded)", broker);
        } else if (config.url() != null) {
            choice = new BrokerChoice(config.url(), BrokerChoice.Kind.CONFIGURED, "configured broker " + config.url(), null);
        } else {
            BrokerProbe.Result local = probe.probe(LOCAL_HOST, LOCAL_PORT);
            if (local.answered()) {
                String uri = "tcp://" + LOCAL_HOST + ":" + LOCAL_PORT;
                choice = new BrokerChoice(uri, BrokerChoice.Kind.LOCAL, "local broker " + uri + " (it answered an MQTT CONNECT)", null);
            } else {
                EmbeddedBroker broker = EmbeddedBroker.start(config.embeddedBrokerPort());
                choice = new BrokerChoice(broker.uri(), BrokerChoice.Kind.EMBEDDED,
                        "embedded HiveMQ CE broker on " + broker.uri() + " (" + local.detail() + ")", broker);
            }
        }
        log.info("MQTT broker: {}", choice.description());
        return choice;
    }
}
