package io.sightline.transport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layered loader over transport's own section; the service's root configuration is tested where it is bound. */
class ConfigLoaderTest {
    private final ConfigLoader<ConfigLoader.MqttOnly> loader = ConfigLoader.mqttOnly();
    @TempDir
    Path dir;

    @Test
    void defaultsAreComplete() {
        MqttConfig c = loader.defaults().mqtt();
        assertThat(c.url()).isNull();
        assertThat(c.robotId()).isEqualTo("robot1");
        assertThat(c.embeddedBrokerPort()).isEqualTo(1883);
        assertThat(loader.keys()).contains("mqtt.url", "mqtt.tls.trust_store", "mqtt.request_cache_size")
            .allMatch(k -> k.startsWith("mqtt."));
    }

    @Test
    void layersApplyInOrderFileEnvironmentOverrides() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                mqtt:
                  url: tcp://file:1883
                  robot_id: fromfile
                  tls:
                    trust_store: /etc/ca.p12
                """);
        MqttConfig c = loader.load(file, Map.of(
                        "SIGHTLINE_MQTT_ROBOT_ID", "fromenv",
                        "SIGHTLINE_MQTT_TLS_TRUST_STORE_PASSWORD", "changeit",
                        "SIGHTLINE_MQTT_KEEP_ALIVE_S", "30",
                        "SIGHTLINE_DEBUG", "1"),
                Map.of("mqtt.url", "tcp://flag:1884")).mqtt();
        assertThat(c.url()).isEqualTo("tcp://flag:1884");
        assertThat(c.robotId()).isEqualTo("fromenv");
        assertThat(c.keepAliveS()).isEqualTo(30);
        assertThat(c.tls().trustStore()).isEqualTo("/etc/ca.p12");
        assertThat(c.tls().trustStorePassword().reveal()).isEqualTo("changeit");
    }

    @Test
    void unknownKeyIsNamedWithItsFile() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "mqtt:\n  urll: tcp://x:1\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(file + ": unknown key 'mqtt.urll'");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("model.pack", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'model.pack'");
    }

    @Test
    void invalidValueIsNamedWithKeyAndValue() {
        assertThatThrownBy(() -> loader.load(null, Map.of("SIGHTLINE_MQTT_ROBOT_ID", "a/b"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.robot_id: 'a/b'");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("mqtt.will_delay_s", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.will_delay_s: -1 is outside");
    }

    @Test
    void secretsNeverAppearInToString() {
        MqttConfig c = loader.load(null, Map.of(
                "SIGHTLINE_MQTT_PASSWORD", "hunter2-mqtt",
                "SIGHTLINE_MQTT_TLS_KEY_STORE_PASSWORD", "hunter2-keystore"), Map.of("mqtt.username", "robot")).mqtt();
        assertThat(c.password().reveal()).isEqualTo("hunter2-mqtt");
        assertThat(c.toString()).contains("username=robot").doesNotContain("hunter2");
        assertThat(c.tls().toString()).doesNotContain("hunter2");
    }
}
