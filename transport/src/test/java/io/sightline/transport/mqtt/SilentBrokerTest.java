package io.sightline.transport.mqtt;

import static io.sightline.transport.mqtt.MqttTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker that accepts TCP and never answers CONNECT (issue 25, point 1): each connect attempt times out, and once
 * a real broker listens on the same port the client comes ONLINE, instead of failing every later attempt with
 * "Connect already in progress".
 */
class SilentBrokerTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void comesOnlineWhenARealBrokerReplacesASilentOne() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        int port = silent.getLocalPort();
        AtomicInteger accepted = new AtomicInteger();
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = silent.accept();
                    accepted.incrementAndGet();
                    held.add(s);
                    Thread drain = new Thread(() -> {
                        try (InputStream in = s.getInputStream()) {
                            while (in.read() >= 0) {
                                // read the CONNECT and say nothing
                            }
                        } catch (IOException closed) {
                            // the client gave up
                        }
                    }, "silent-broker-read");
                    drain.setDaemon(true);
                    drain.start();
                }
            } catch (IOException closed) {
                // the test closed the silent broker
            }
        }, "silent-broker-accept");
        acceptor.setDaemon(true);
        acceptor.start();

        String uri = "tcp://127.0.0.1:" + port;
        // connect timeout 1 s, retries every 100..800 ms (MqttTestKit)
        MqttSettings settings = MqttSettings.service(MqttTestKit.config(MqttTestKit.uniqueRobot(),
                java.util.Map.of("mqtt.connect_timeout_s", "1")), uri);
        EmbeddedBroker broker = null;
        try (SightlineMqttClient client = SightlineMqttClient.start(settings)) {
            // each attempt waits 1 s for CONNACK, plus a second of slack, then backs off at most 0.8 s
            await("a second connect attempt to the silent broker", Duration.ofSeconds(20), () -> accepted.get() >= 2);
            Thread.sleep(3_000);
            assertThat(client.isReady()).isFalse();
            assertThat(client.lastConnectError()).isNotEmpty();
            silent.close();
            for (Socket s : held) {
                s.close();
            }
            broker = EmbeddedBroker.start(port);
            long up = System.nanoTime();
            assertThat(client.awaitReady(Duration.ofSeconds(15)))
                    .as("ONLINE after the real broker came up; last error: %s", client.lastConnectError()).isTrue();
            System.out.printf("silent broker: %d TCP connections, ONLINE %d ms after the real broker was up%n",
                    accepted.get(), (System.nanoTime() - up) / 1_000_000);
        } finally {
            silent.close();
            if (broker != null) {
                broker.close();
            }
        }
    }
}
