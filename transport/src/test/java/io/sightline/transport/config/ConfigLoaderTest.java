package io.sightline.transport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();
    @TempDir
    Path dir;

    @Test
    void defaultsAreComplete() {
        SightlineConfig c = loader.defaults();
        assertThat(c.mqtt().url()).isNull();
        assertThat(c.mqtt().robotId()).isEqualTo("robot1");
        assertThat(c.mqtt().embeddedBrokerPort()).isEqualTo(1883);
        assertThat(c.model().backend()).isEqualTo(ModelConfig.Backend.AUTO);
        assertThat(c.model().precision()).isEqualTo(ModelConfig.Precision.FP32);
        assertThat(c.source().cameraId()).isEqualTo("cam0");
        assertThat(c.grounding()).isEqualTo(new GroundingSection(GroundingSection.RelationCheck.UNSUPPORTED, 0));
    }

    @Test
    void groundingSectionTakesTheRelationCheckAndAThresholdStrictlyInsideZeroOne() {
        SightlineConfig c = loader.load(null, Map.of("SIGHTLINE_GROUNDING_RELATION_CHECK", "contradicted"),
                Map.of("grounding.none_threshold", "0.8"));
        assertThat(c.grounding().relationCheck()).isEqualTo(GroundingSection.RelationCheck.CONTRADICTED);
        assertThat(c.grounding().noneThreshold()).isEqualTo(0.8);
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("grounding.none_threshold", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("grounding.none_threshold: 1.0 must be 0 (the model pack's) or strictly between 0 and 1");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("grounding.relation_check", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sometimes");
    }

    @Test
    void shippedConfigFileDocumentsEveryKeyWithTheDefaults() throws IOException {
        Path shipped = Path.of("../deploy-jetson/src/main/dist/conf/sightline.yaml");
        assertThat(shipped).exists();
        assertThat(loader.load(shipped, Map.of(), Map.of())).isEqualTo(loader.defaults());
        String text = Files.readString(shipped);
        for (String key : loader.keys()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(text).as("key " + key).containsPattern("(?m)^\\s*#.*\\n\\s*" + leaf + ":");
        }
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
                model:
                  backend: TensorRT
                  precision: int8
                """);
        SightlineConfig c = loader.load(file, Map.of(
                        "SIGHTLINE_MQTT_ROBOT_ID", "fromenv",
                        "SIGHTLINE_MQTT_TLS_TRUST_STORE_PASSWORD", "changeit",
                        "SIGHTLINE_MQTT_KEEP_ALIVE_S", "30",
                        "SIGHTLINE_DEBUG", "1"),
                Map.of("mqtt.url", "tcp://flag:1884"));
        assertThat(c.mqtt().url()).isEqualTo("tcp://flag:1884");
        assertThat(c.mqtt().robotId()).isEqualTo("fromenv");
        assertThat(c.mqtt().keepAliveS()).isEqualTo(30);
        assertThat(c.mqtt().tls().trustStore()).isEqualTo("/etc/ca.p12");
        assertThat(c.mqtt().tls().trustStorePassword().reveal()).isEqualTo("changeit");
        assertThat(c.model().backend()).isEqualTo(ModelConfig.Backend.TENSORRT);
        assertThat(c.model().precision()).isEqualTo(ModelConfig.Precision.INT8);
    }

    @Test
    void unknownKeyIsNamedWithItsFile() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "mqtt:\n  urll: tcp://x:1\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(file + ": unknown key 'mqtt.urll'");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("model.packs", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'model.packs'");
    }

    @Test
    void invalidValueIsNamedWithKeyAndValue() {
        assertThatThrownBy(() -> loader.load(null, Map.of("SIGHTLINE_MQTT_ROBOT_ID", "a/b"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.robot_id: 'a/b'");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("mqtt.will_delay_s", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.will_delay_s: -1 is outside");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("model.backend", "cuda")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cuda");
    }

    @Test
    void secretsNeverAppearInToString() {
        SightlineConfig c = loader.load(null, Map.of(
                "SIGHTLINE_MQTT_PASSWORD", "hunter2-mqtt",
                "SIGHTLINE_MQTT_TLS_KEY_STORE_PASSWORD", "hunter2-keystore"), Map.of("mqtt.username", "robot"));
        assertThat(c.mqtt().password().reveal()).isEqualTo("hunter2-mqtt");
        assertThat(c.toString()).contains("username=robot").doesNotContain("hunter2");
        assertThat(c.mqtt().tls().toString()).doesNotContain("hunter2");
    }
}
