package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.transport.config.ConfigException;
import io.sightline.transport.config.Secret;
import io.sightline.transport.config.TlsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSocketFactoriesTest {
    @TempDir
    Path dir;

    private Path keyStore() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(keytool.toFile().canExecute(), "keytool not found in " + keytool.getParent());
        Path store = dir.resolve("client.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "robot", "-keyalg", "EC",
                "-dname", "CN=robot1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "s3cret-pass", "-keypass", "s3cret-pass").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return store;
    }

    @Test
    void buildsAFactoryFromTrustAndKeyStores() throws Exception {
        Path store = keyStore();
        TlsConfig tls = new TlsConfig(true, store.toString(), Secret.of("s3cret-pass"), store.toString(),
                Secret.of("s3cret-pass"), "PKCS12");
        assertThat(TlsSocketFactories.create(tls)).isNotNull();
        assertThat(tls.toString()).doesNotContain("s3cret-pass");
    }

    @Test
    void wrongPasswordOrMissingFileNamesTheStore() throws Exception {
        Path store = keyStore();
        TlsConfig wrong = new TlsConfig(true, store.toString(), Secret.of("nope"), null, null, "PKCS12");
        assertThatThrownBy(() -> TlsSocketFactories.create(wrong)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.tls.trust_store").hasMessageContaining(store.toString())
                .hasMessageNotContaining("nope");
        TlsConfig missing = new TlsConfig(true, null, null, dir.resolve("absent.p12").toString(), null, "PKCS12");
        assertThatThrownBy(() -> TlsSocketFactories.create(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.tls.key_store").hasMessageContaining("absent.p12");
    }

    @Test
    void settingsToStringHidesThePassword() {
        MqttSettings s = MqttSettings.service(MqttTestKit.config("r1", java.util.Map.of(
                "mqtt.username", "robot", "mqtt.password", "hunter2-broker")), "ssl://broker:8883");
        assertThat(s.usesTls()).isTrue();
        assertThat(s.toString()).contains("robot").doesNotContain("hunter2");
    }

    @Test
    void tlsMistakesStopTheConfigurationLoadNamingTheKey() throws Exception {
        assertThatThrownBy(() -> MqttTestKit.config("r1", java.util.Map.of("mqtt.tls.enabled", "true",
                "mqtt.url", "tcp://127.0.0.1:1883"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.tls.enabled").hasMessageContaining("tcp://127.0.0.1:1883");
        assertThatThrownBy(() -> MqttTestKit.config("r1", java.util.Map.of("mqtt.tls.enabled", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.tls.enabled");
        Path store = keyStore();
        assertThatThrownBy(() -> MqttTestKit.config("r1", java.util.Map.of("mqtt.url", "ssl://127.0.0.1:8883",
                "mqtt.tls.trust_store", store.toString(), "mqtt.tls.trust_store_password", "wrong-pass")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.tls.trust_store_password:")
                .hasMessageContaining(store.toString()).hasMessageNotContaining("wrong-pass");
        assertThat(MqttTestKit.config("r1", java.util.Map.of("mqtt.url", "ssl://127.0.0.1:8883", "mqtt.tls.enabled", "true",
                "mqtt.tls.trust_store", store.toString(), "mqtt.tls.trust_store_password", "s3cret-pass")).usesTls()).isTrue();
    }
}
