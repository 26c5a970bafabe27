package io.sightline.transport.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.config.ConfigLoader;
import io.sightline.transport.config.MqttConfig;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSelectorTest {
    private static MqttConfig config(Map<String, String> overrides) {
        return ConfigLoader.mqttOnly().load(null, Map.of(), overrides).mqtt();
    }

    @Test
    void probeTellsABrokerFromSomethingElseAndFromNothing() throws Exception {
        BrokerProbe probe = new BrokerProbe(1000);
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            BrokerProbe.Result r = probe.probe("127.0.0.1", broker.port());
            assertThat(r.answered()).isTrue();
            assertThat(r.returnCode()).isZero();
        }
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = http.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception ignored) {
                    // the probe may already have given up
                }
            });
            server.start();
            assertThat(probe.probe("127.0.0.1", http.getLocalPort()).answered()).isFalse();
            server.join(2000);
        }
        int closed = EmbeddedBroker.freePort();
        BrokerProbe.Result nothing = probe.probe("127.0.0.1", closed);
        assertThat(nothing.answered()).isFalse();
        assertThat(nothing.detail()).startsWith("no MQTT broker at 127.0.0.1:" + closed);
    }

    @Test
    void configuredUrlIsUsedAsIs() {
        try (BrokerChoice c = new BrokerSelector(new BrokerProbe(200)).select(config(Map.of("mqtt.url", "tcp://broker.local:1884")))) {
            assertThat(c.kind()).isEqualTo(BrokerChoice.Kind.CONFIGURED);
            assertThat(c.uri()).isEqualTo("tcp://broker.local:1884");
            assertThat(c.embedded()).isNull();
        }
    }

    @Test
    void forcedEmbeddedBrokerStartsOnTheGivenPortEvenWithAUrl() {
        int port = EmbeddedBroker.freePort();
        try (BrokerChoice c = new BrokerSelector(new BrokerProbe(200)).select(config(Map.of(
                "mqtt.url", "tcp://broker.local:1884", "mqtt.force_embedded", "true", "mqtt.embedded_broker_port", String.valueOf(port))))) {
            assertThat(c.kind()).isEqualTo(BrokerChoice.Kind.EMBEDDED);
            assertThat(c.uri()).isEqualTo("tcp://127.0.0.1:" + port);
            assertThat(c.description()).contains("embedded HiveMQ CE");
            assertThat(new BrokerProbe(1000).probe("127.0.0.1", port).answered()).isTrue();
        }
        assertThat(new BrokerProbe(300).probe("127.0.0.1", port).answered()).isFalse();
    }

    @Test
    void automaticChoiceFollowsWhatAnswersOnLocalhost1883() {
        boolean local = new BrokerProbe(500).probe(BrokerSelector.LOCAL_HOST, BrokerSelector.LOCAL_PORT).answered();
        int port = EmbeddedBroker.freePort();
        try (BrokerChoice c = new BrokerSelector(new BrokerProbe(500)).select(config(Map.of("mqtt.embedded_broker_port", String.valueOf(port))))) {
            if (local) {
                assertThat(c.kind()).isEqualTo(BrokerChoice.Kind.LOCAL);
                assertThat(c.uri()).isEqualTo("tcp://localhost:1883");
            } else {
                assertThat(c.kind()).isEqualTo(BrokerChoice.Kind.EMBEDDED);
                assertThat(c.description()).contains("no MQTT broker at localhost:1883");
            }
        }
    }

    @Test
    void embeddedConfigDisablesUsageStatisticsAndBindsLoopback() {
        String xml = EmbeddedBroker.configXml(18830);
        assertThat(xml).contains("<port>18830</port>").contains("<bind-address>127.0.0.1</bind-address>")
                .containsPattern("<anonymous-usage-statistics>\\s*<enabled>false</enabled>");
    }
}
