package io.sightline.transport.mqtt;

import io.sightline.transport.config.ConfigLoader;
import io.sightline.transport.config.MqttConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Shared pieces of the transport's broker tests: settings, a plain Paho subscriber, waiting. */
final class MqttTestKit {
    private MqttTestKit() {
    }

    static String uniqueRobot() {
        return "test" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    }

    static MqttConfig config(String robot, Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(Map.of("mqtt.robot_id", robot, "mqtt.reconnect_initial_ms", "100",
                "mqtt.reconnect_max_ms", "800", "mqtt.will_delay_s", "1", "mqtt.connect_timeout_s", "2"));
        o.putAll(extra);
        return ConfigLoader.mqttOnly().load(null, Map.of(), o).mqtt();
    }

    static MqttSettings service(String uri, String robot) {
        return MqttSettings.service(config(robot, Map.of()), uri);
    }

    static MqttSettings tool(String uri, String robot) {
        return MqttSettings.tool(config(robot, Map.of()), uri, "test");
    }

    /** Grounding limits as the older tests used them; the rest at their defaults. */
    static GroundingSettings grounding(int maxRequestBytes, long defaultTimeoutMs, int cacheEntries, String sharedGroup) {
        GroundingSettings d = GroundingSettings.of(config("robot1", Map.of()));
        return new GroundingSettings(maxRequestBytes, defaultTimeoutMs, d.maxDeadlineMs(), cacheEntries, d.cacheBytes(),
                d.queueSize(), d.ratePerClient(), d.refusalsPerSecond(), d.responsePrefixes(), java.util.Optional.ofNullable(sharedGroup));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    record Received(String topic, MqttMessage message) {
    }

    /** A plain Paho v5 client written for tests only, so assertions do not depend on our client's receive path. */
    static final class RawClient implements AutoCloseable {
        final MqttAsyncClient paho;
        /** Everything received and not yet taken by {@link #next}, in arrival order. */
        final List<Received> received = new CopyOnWriteArrayList<>();

        RawClient(String uri, boolean cleanStart) throws MqttException {
            paho = new MqttAsyncClient(uri, "raw-" + uniqueRobot(), new MemoryPersistence());
            paho.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse r) {
                }

                @Override
                public void mqttErrorOccurred(MqttException e) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(new Received(topic, message));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            connect(cleanStart);
        }

        void connect(boolean cleanStart) throws MqttException {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(cleanStart);
            o.setSessionExpiryInterval(cleanStart ? 0L : 300L);
            o.setConnectionTimeout(3);
            paho.connect(o).waitForCompletion(5000);
        }

        RawClient subscribe(String filter, int qos) throws MqttException {
            paho.subscribe(new MqttSubscription(filter, qos)).waitForCompletion(5000);
            return this;
        }

        void publish(String topic, byte[] payload, String responseTopic, byte[] correlation) throws MqttException {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(responseTopic);
            p.setCorrelationData(correlation);
            m.setProperties(p);
            paho.publish(topic, m).waitForCompletion(5000);
        }

        /** Takes the oldest received message that matches, waiting for one up to {@code timeout}. */
        Received next(Duration timeout, Predicate<Received> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (Received r : received) {
                    if (wanted.test(r) && received.remove(r)) {
                        return r;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no matching message within " + timeout + "; have " + received.stream()
                            .map(Received::topic).toList());
                }
                Thread.sleep(10);
            }
        }

        @Override
        public void close() throws MqttException {
            if (paho.isConnected()) {
                paho.disconnect().waitForCompletion(3000);
            }
            paho.close(true);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port} (a broker that has started). */
    static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The executable {@code name} on PATH, if any. */
    static java.util.Optional<java.nio.file.Path> executable(String name) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(d -> java.nio.file.Path.of(d, name)).filter(java.nio.file.Files::isExecutable).findFirst();
    }
}
