package io.sightline.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A plain Paho v5 client for the service tests (a planner's view of the service): everything under a robot's
 * topics is collected; requests go out with an MQTT 5 response topic and correlation data.
 */
final class TestSubscriber implements AutoCloseable {
    record Received(String topic, MqttMessage message) {
        boolean retained() {
            return message.isRetained();
        }

        byte[] payload() {
            return message.getPayload();
        }
    }

    private final MqttAsyncClient paho;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    TestSubscriber(String uri, String filter) throws MqttException {
        paho = new MqttAsyncClient(uri, "planner-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)),
            new MemoryPersistence());
        paho.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new Received(topic, m));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        paho.connect(o).waitForCompletion(10_000);
        paho.subscribe(new MqttSubscription(filter, 1)).waitForCompletion(10_000);
    }

    void request(String topic, byte[] payload, String responseTopic, byte[] correlation) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(responseTopic);
        p.setCorrelationData(correlation);
        m.setProperties(p);
        paho.publish(topic, m).waitForCompletion(10_000);
    }

    /** The first received message (oldest first) that matches, waiting up to {@code timeout}. */
    Received await(String what, Duration timeout, Predicate<Received> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Received r : received) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout + "; received "
                    + received.stream().map(Received::topic).distinct().toList());
            }
            Thread.sleep(20);
        }
    }

    void clear() {
        received.clear();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (paho.isConnected()) {
                paho.disconnect().waitForCompletion(3000);
            }
        } catch (MqttException e) {
            paho.disconnectForcibly(0, 1000, false);
        }
        paho.close(true);
    }
}
