package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.sightline.transport.config.MqttConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real TLS connection: HiveMQ CE with a TLS listener and a self-signed certificate made by keytool. */
class TlsConnectionTest {
    private static final String PASS = "tls-test-pass";
    @TempDir
    Path dir;

    private void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(keytool.toFile().canExecute(), "keytool not found");
        String[] cmd = new String[args.length + 1];
        cmd[0] = keytool.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    @Test
    void connectsOverTlsWithTheConfiguredTrustStoreAndRefusesWithout() throws Exception {
        Path server = dir.resolve("server.p12");
        Path cert = dir.resolve("server.pem");
        Path trust = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", server.toString(), "-storepass", PASS, "-keypass", PASS);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", server.toString(), "-storepass", PASS, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", PASS);

        int port = io.sightline.transport.broker.BrokerProbeAccess.freePort();
        for (String d : new String[] {"conf", "data", "extensions"}) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.writeString(dir.resolve("conf/config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                      <tls>
                        <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                      </tls>
                    </tls-tcp-listener>
                  </listeners>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, server, PASS, PASS));
        try (EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(dir.resolve("data")).withExtensionsFolder(dir.resolve("extensions"))
                .withoutLoggingBootstrap().build()) {
            hivemq.start().get();
            String uri = "ssl://127.0.0.1:" + port;
            MqttConfig trusted = MqttTestKit.config("tlsrobot", Map.of("mqtt.tls.trust_store", trust.toString(),
                    "mqtt.tls.trust_store_password", PASS));
            try (SightlineMqttClient client = SightlineMqttClient.start(MqttSettings.service(trusted, uri))) {
                assertThat(client.awaitReady(Duration.ofSeconds(15))).as(client.lastConnectError()).isTrue();
            }
            MqttConfig untrusted = MqttTestKit.config("tlsrobot", Map.of("mqtt.tls.enabled", "true", "mqtt.url", uri));
            try (SightlineMqttClient client = SightlineMqttClient.start(MqttSettings.service(untrusted, uri))) {
                assertThat(client.awaitReady(Duration.ofSeconds(3))).isFalse();
                assertThat(client.lastConnectError()).isNotEmpty();
            }
            hivemq.stop().get();
        }
    }
}
