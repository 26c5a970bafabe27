package io.sightline.cli.mqtt;

import io.sightline.cli.UserFacingException;
import io.sightline.transport.broker.BrokerSelector;
import io.sightline.transport.config.ConfigException;
import io.sightline.transport.config.MqttConfig;
import io.sightline.service.config.ServiceConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The connection options shared by the MQTT tools (watch, ground, bench mqtt): configuration file,
 * broker URL and robot id, layered over SIGHTLINE_* variables and the defaults like {@code run} does.
 */
public final class MqttOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (conf/sightline.yaml); its mqtt section is used")
    Path config;

    @Option(names = "--mqtt-url", paramLabel = "URL", description = "broker, tcp://host:port or ssl://host:port (default: mqtt.url, else tcp://localhost:1883)")
    String mqttUrl;

    @Option(names = "--robot-id", paramLabel = "ID", description = "robot whose topics to use (default: mqtt.robot_id)")
    String robotId;

    public ServiceConfig load() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("mqtt.url", mqttUrl);
        overrides.put("mqtt.robot_id", robotId);
        try {
            return ServiceConfig.loader().load(config, System.getenv(), overrides);
        } catch (ConfigException e) {
            throw new UserFacingException(e.getMessage(), 2);
        }
    }

    public MqttConfig mqtt() {
        return load().mqtt();
    }

    /** Tools never start a broker: the configured one, else the usual local one. */
    public static String brokerUri(MqttConfig c) {
        return c.url() != null ? c.url() : "tcp://" + BrokerSelector.LOCAL_HOST + ":" + BrokerSelector.LOCAL_PORT;
    }
}
