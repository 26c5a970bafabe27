package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectRaceSocketFactoryTest {

    /** A "broker" that accepts each TCP connection and drops it at once, as one that is shutting down does. */
    private static final class DroppingServer implements AutoCloseable {
        final ServerSocket server;
        final Thread acceptor;
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        DroppingServer(boolean reset) throws Exception {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.add(s);
                        if (reset) {
                            s.setSoLinger(true, 0); // RST instead of FIN
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "dropping-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String uri() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join(2000);
        }
    }

    private static Set<String> pahoThreadsOf(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("MQTT") && n.endsWith(": " + clientId)).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "peer {0}")
    @ValueSource(strings = {"closes", "resets"})
    void aConnectionDroppedAtOnceFailsTheConnectAndLeavesNoPahoThread(String how) throws Exception {
        try (DroppingServer server = new DroppingServer(how.equals("resets"))) {
            for (int attempt = 0; attempt < 5; attempt++) {
                String clientId = "race-" + how + "-" + attempt + "-" + MqttTestKit.uniqueRobot();
                MqttAsyncClient paho = new MqttAsyncClient(server.uri(), clientId, new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setConnectionTimeout(3);
                options.setSocketFactory(new ConnectRaceSocketFactory());
                try {
                    IMqttToken token = paho.connect(options);
                    assertThatThrownBy(() -> token.waitForCompletion(10_000)).isInstanceOf(MqttException.class);
                } finally {
                    paho.close(true);
                }
                MqttTestKit.await("Paho threads of " + clientId + " to end", java.time.Duration.ofSeconds(10),
                        () -> pahoThreadsOf(clientId).isEmpty());
            }
            assertThat(server.accepted).hasSize(5);
        }
    }

    @Test
    void aReadThatEndsIsHeldUntilTheFirstWrite() throws Exception {
        try (DroppingServer server = new DroppingServer(false);
             Socket socket = new ConnectRaceSocketFactory().createSocket("127.0.0.1", server.server.getLocalPort())) {
            ConnectRaceSocketFactory.HoldingSocket holding = (ConnectRaceSocketFactory.HoldingSocket) socket;
            InputStream in = socket.getInputStream();
            Thread writer = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(300);
                    socket.getOutputStream().write(0x10);
                } catch (Exception ignored) {
                    // the peer may already have reset the connection; the write still released the hold
                }
            });
            writer.start();
            int n;
            try {
                n = in.read();
            } catch (java.io.IOException e) {
                n = -2;
            }
            assertThat(holding.released()).as("the end of the stream came only after the write").isTrue();
            assertThat(n).isNegative();
            writer.join();
        }
    }

    @Test
    void closingTheSocketReleasesAHeldRead() throws Exception {
        try (DroppingServer server = new DroppingServer(false)) {
            Socket socket = new ConnectRaceSocketFactory().createSocket("127.0.0.1", server.server.getLocalPort());
            InputStream in = socket.getInputStream();
            Thread closer = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(300);
                    socket.close();
                } catch (Exception ignored) {
                    // nothing to do
                }
            });
            long start = System.nanoTime();
            closer.start();
            try {
                in.read();
            } catch (java.io.IOException expected) {
                // closed under the read
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(tookMs).isLessThan(ConnectRaceSocketFactory.MAX_HOLD_MS);
            assertThat(((ConnectRaceSocketFactory.HoldingSocket) socket).released()).isTrue();
            closer.join();
        }
    }
}
