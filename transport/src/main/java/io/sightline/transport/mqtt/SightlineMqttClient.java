package io.sightline.transport.mqtt;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.Health;
import io.sightline.transport.v1.SceneSnapshot;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.TrackEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.internal.MqttConnectionState;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sightline's MQTT 5 connection (Eclipse Paho). Callers hand messages over and return at once; one
 * publisher thread connects, re-subscribes, announces and drains the {@link Outbox}.
 *
 * <p>Why our own reconnect loop instead of Paho's automatic reconnect: Paho does not restore
 * subscriptions after it reconnects with clean start, and we must publish a fresh ONLINE status with a
 * new birth number after every connect, before anything else. The loop does connect -> subscribe all ->
 * ONLINE -> drain, with exponential backoff and jitter between failed attempts.
 *
 * <p>A service client sets the Will to OFFLINE (retained) with a will delay (MQTT 5.0 section
 * 3.1.3.2.2), so a reconnect within the delay does not flap the status, and keeps a persistent session (clean start
 * off, MQTT 5.0 section 3.1.2.4) that expires after {@link #sessionExpirySeconds}: while it is away, the broker keeps
 * its subscriptions and queues the QoS 1 grounding requests sent to it, so a request published before the service
 * has reconnected is answered after it has. {@link #close()} publishes OFFLINE itself and disconnects normally
 * (reason 0, Will dropped) with a session expiry of 0, so the broker forgets the session of a service that left.
 * Tools keep clean, non-persistent sessions.
 */
public final class SightlineMqttClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SightlineMqttClient.class);
    private static final long IDLE_WAIT_MS = 250;
    /** Unsent messages kept per latest-wins topic while connected (1 while offline). */
    static final int ONLINE_LATEST_DEPTH = 4;
    /** Paho: "Too many publishes in progress" (receive maximum of the broker reached). */
    private static final int REASON_MAX_INFLIGHT = 32202;

    private final MqttSettings settings;
    private final Topics topics;
    private final Outbox outbox;
    private final MqttAsyncClient paho;
    private final Backoff backoff;
    private final Thread io;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<PublishListener> publishListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<ServiceStatus> statusTemplate;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object readiness = new Object();
    /** Held while subscribing, so a subscription added during a connect is not missed. */
    private final Object subscribing = new Object();
    private volatile boolean ready;
    private volatile boolean running = true;
    private volatile long births;
    private final LongAdder published = new LongAdder();
    private final LongAdder inflightWaits = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    /** Retained scene topics this client has published to: {@link #close} clears them. */
    private final Set<String> sceneTopics = ConcurrentHashMap.newKeySet();
    private volatile String lastConnectError = "";
    private boolean aliasWarningGiven;

    private record Subscription(String filter, String matchFilter, Qos qos, MessageListener listener) {
    }

    private SightlineMqttClient(MqttSettings settings) throws MqttException {
        this.settings = settings;
        this.topics = new Topics(settings.robotId());
        this.outbox = new Outbox(settings.outboxCapacity());
        this.backoff = new Backoff(settings.reconnectInitialMs(), settings.reconnectMaxMs(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.statusTemplate = new AtomicReference<>(ServiceStatus.newBuilder()
                .setState(ServiceState.SERVICE_STATE_ONLINE).build());
        this.paho = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        this.paho.setCallback(new Callback());
        this.io = new Thread(this::runLoop, "sightline-mqtt-" + settings.clientId());
        this.io.setDaemon(true);
    }

    /** Creates the client and starts connecting in the background; it never throws for an absent broker. */
    public static SightlineMqttClient start(MqttSettings settings) {
        return start(settings, ServiceStatus.newBuilder().setState(ServiceState.SERVICE_STATE_ONLINE).build());
    }

    /** As {@link #start(MqttSettings)}, announcing {@code initialStatus} (e.g. STARTING) until {@link #updateStatus}. */
    public static SightlineMqttClient start(MqttSettings settings, ServiceStatus initialStatus) {
        try {
            SightlineMqttClient client = new SightlineMqttClient(settings);
            client.statusTemplate.set(initialStatus);
            client.io.start();
            log.info("MQTT client {} for robot '{}' connecting to {}", settings.clientId(), settings.robotId(),
                    settings.serverUri());
            return client;
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + settings.serverUri() + ": " + e.getMessage(), e);
        }
    }

    public Topics topics() {
        return topics;
    }

    public MqttSettings settings() {
        return settings;
    }

    /** Connected, subscribed and (for a service) ONLINE announced. */
    public boolean isReady() {
        return ready;
    }

    /** Waits until {@link #isReady()}; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readiness) {
            while (!ready) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(readiness, left);
            }
            return true;
        }
    }

    /** The reason of the last failed connect attempt, empty when none failed. */
    public String lastConnectError() {
        return lastConnectError;
    }

    public void publishDetections(DetectionFrame frame) {
        enqueue(Channel.DETECTIONS, topics.detections(frame.getHeader().getCameraId()), frame, Optional.empty(), Optional.empty());
    }

    /** Publishes the retained scene of a camera; a clean {@link #close} clears every scene topic published to. */
    public void publishScene(SceneSnapshot scene) {
        String topic = topics.scene(scene.getHeader().getCameraId());
        sceneTopics.add(topic);
        enqueue(Channel.SCENE, topic, scene, Optional.empty(), Optional.empty());
    }

    public void publishEvent(TrackEvent event) {
        enqueue(Channel.EVENTS, topics.events(event.getHeader().getCameraId()), event, Optional.empty(), Optional.empty());
    }

    public void publishHealth(Health health) {
        enqueue(Channel.HEALTH, topics.health(), health, Optional.empty(), Optional.empty());
    }

    /**
     * Replaces what this service says about itself (backend, model, DEGRADED and its reasons) and
     * publishes it; state, birth, stamp, robot and instance id are filled in here.
     */
    public void updateStatus(ServiceStatus status) {
        statusTemplate.set(status);
        if (settings.announceStatus() && ready) {
            offer(statusMessage(status.getState(), births));
        }
    }

    /** Sends a result to the requester's response topic, echoing its correlation data (MQTT 5.0 section 4.10). */
    public void publishResult(String responseTopic, Optional<CorrelationData> correlationData, GroundingResult result) {
        enqueue(Channel.GROUND_RESULT, responseTopic, result, Optional.empty(), correlationData);
    }

    /**
     * As above, dropped unsent after {@code sendByNanos} ({@link System#nanoTime()}), with the MQTT message expiry cut
     * to match: an answer past its request's deadline helps nobody and must not hold up the frames behind it.
     */
    public void publishResult(String responseTopic, Optional<CorrelationData> correlationData, GroundingResult result,
                              long sendByNanos) {
        long now = System.nanoTime();
        offer(outbound(Channel.GROUND_RESULT, responseTopic, result, Optional.empty(), correlationData)
            .sentBy(sendByNanos, now));
    }

    /** Sends a request naming the topic to answer on, with correlation data the answer echoes (MQTT 5.0 section 4.10). */
    public void publishRequest(GroundingRequest request, String responseTopic, CorrelationData correlationData) {
        enqueue(Channel.GROUND_REQUEST, topics.groundRequest(), request, Optional.of(responseTopic), Optional.of(correlationData));
    }

    /**
     * Subscribes now when connected and again after every reconnect. The filter may be a shared
     * subscription ({@code $share/group/...}).
     */
    public void subscribe(String filter, Qos qos, MessageListener listener) {
        Subscription s = new Subscription(filter, Topics.unshared(filter), qos, listener);
        MqttTopicValidator.validate(s.matchFilter(), true, true);
        synchronized (subscribing) {
            subscriptions.add(s);
            if (ready) {
                try {
                    paho.subscribe(new MqttSubscription(filter, qos.level())).waitForCompletion(settings.connectTimeoutS() * 1000L);
                } catch (MqttException e) {
                    // not fatal: the next connect subscribes everything again
                    log.warn("subscribe to {} failed ({}); retried after the next reconnect", filter, e.getMessage());
                }
            }
        }
    }

    public ClientStats stats() {
        return new ClientStats(ready, births, published.sum(), outbox.replaced.sum(), outbox.droppedFull.sum(),
                outbox.droppedExpired.sum(), inflightWaits.sum(), publishFailures.sum(), outbox.size());
    }

    private void enqueue(Channel channel, String topic, Message message, Optional<String> responseTopic,
                         Optional<CorrelationData> correlation) {
        offer(outbound(channel, topic, message, responseTopic, correlation));
    }

    /**
     * Adds a listener that sees every message handed to this client from now on ({@link PublishListener}); a
     * listener that throws is logged and the message is still sent.
     */
    public void addPublishListener(PublishListener listener) {
        publishListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private void offer(OutboundMessage m) {
        tellListeners(m);
        outbox.offer(m);
    }

    private void tellListeners(OutboundMessage m) {
        if (publishListeners.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        for (PublishListener l : publishListeners) {
            try {
                l.published(m, epochNanos);
            } catch (RuntimeException e) {
                log.warn("publish listener failed on a message to {}: {}", m.topic(), e.toString());
            }
        }
    }

    private OutboundMessage outbound(Channel channel, String topic, Message message, Optional<String> responseTopic,
                                     Optional<CorrelationData> correlation) {
        return OutboundMessage.of(channel, topic, message, responseTopic, correlation, settings.queueExpiryS(), System.nanoTime());
    }

    /** This service's status message: the template with {@code state} and {@code birth}, see {@link #status}. */
    private OutboundMessage statusMessage(ServiceState state, long birth) {
        return outbound(Channel.STATUS, topics.status(), status(state, birth), Optional.empty(), Optional.empty());
    }

    private ServiceStatus status(ServiceState state, long birth) {
        Instant now = Instant.now();
        return statusTemplate.get().toBuilder()
                .setState(state)
                .setBirth(birth)
                .setRobotId(settings.robotId())
                .setInstanceId(settings.clientId())
                .setStamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
    }

    private void runLoop() {
        try {
            while (running) {
                if (!paho.isConnected()) {
                    setReady(false);
                    if (!connectOnce()) {
                        closing.await(backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
                        continue;
                    }
                    backoff.reset();
                }
                OutboundMessage next = outbox.poll(System.nanoTime());
                if (next == null) {
                    outbox.await(IDLE_WAIT_MS);
                } else {
                    send(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("MQTT publisher thread stopped", e);
        }
    }

    private boolean connectOnce() {
        try {
            paho.connect(connectionOptions()).waitForCompletion(settings.connectTimeoutS() * 1000L + 1000);
            disableOutgoingTopicAliases();
            synchronized (subscribing) {
                for (Subscription s : subscriptions) {
                    paho.subscribe(new MqttSubscription(s.filter(), s.qos().level())).waitForCompletion(settings.connectTimeoutS() * 1000L);
                }
                announce();
            }
            return true;
        } catch (MqttException | RuntimeException e) {
            String reason = e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
            if (!reason.equals(lastConnectError)) {
                log.warn("MQTT connect to {} failed: {}; retrying with backoff", settings.serverUri(), reason);
            }
            lastConnectError = reason;
            try {
                // Also when not connected: a connect that timed out waiting for CONNACK (a broker that accepts TCP and
                // never answers) is still pending inside Paho, and every later connect() would fail with "Connect
                // already in progress" for ever; this tears the pending connect and its socket down.
                paho.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // already gone; the next attempt starts from scratch
            }
            return false;
        }
    }

    /**
     * Paho 1.2.5 gives outgoing PUBLISHes topic aliases on its own whenever the broker's CONNACK allows them, and a
     * PUBLISH that was pending when a connection dropped can go out on the next connection carrying only an alias of
     * the old one; the broker then closes the new connection ("Topic alias in PUBLISH could not be mapped",
     * eclipse-paho/paho.mqtt.java#1104), and whatever arrives meanwhile (a grounding request) is lost with it. Our
     * topics are short, so aliases save little: they are turned off for every connection, before its first PUBLISH.
     * Paho has no option for this; the connection state is reached by reflection, and if a Paho release moves it the
     * client keeps working with aliases and says so once.
     */
    private void disableOutgoingTopicAliases() {
        try {
            connectionState().setOutgoingTopicAliasMaximum(0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!aliasWarningGiven) {
                aliasWarningGiven = true;
                log.warn("cannot turn off Paho's outgoing topic aliases ({}); a reconnect under load may be refused once", e.toString());
            }
        }
    }

    /** The outgoing topic alias maximum Paho uses on the current connection (0 = no aliases). */
    int outgoingTopicAliasMaximum() throws ReflectiveOperationException {
        Integer max = connectionState().getOutgoingTopicAliasMaximum();
        return max == null ? 0 : max;
    }

    private MqttConnectionState connectionState() throws ReflectiveOperationException {
        java.lang.reflect.Field f = MqttAsyncClient.class.getDeclaredField("mqttConnection");
        f.setAccessible(true);
        return (MqttConnectionState) f.get(paho);
    }

    /** ONLINE (or DEGRADED) with the next birth number, before anything else is sent on this connection. */
    private void announce() throws MqttException {
        long birth = births + 1;
        if (settings.announceStatus()) {
            ServiceState now = statusTemplate.get().getState();
            // The service's own state (STARTING, DEGRADED, ENDED...); never OFFLINE on a live connection.
            ServiceState state = now == ServiceState.SERVICE_STATE_OFFLINE || now == ServiceState.SERVICE_STATE_UNSPECIFIED
                    || now == ServiceState.UNRECOGNIZED ? ServiceState.SERVICE_STATE_ONLINE : now;
            OutboundMessage online = statusMessage(state, birth);
            tellListeners(online);
            paho.publish(online.topic(), online.toMqttMessage()).waitForCompletion(settings.connectTimeoutS() * 1000L);
        }
        births = birth;
        lastConnectError = "";
        log.info("MQTT connected to {} as {} (birth {}, {} subscriptions)", settings.serverUri(),
                settings.clientId(), birth, subscriptions.size());
        setReady(true);
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!settings.announceStatus());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(settings.keepAliveS());
        o.setConnectionTimeout(settings.connectTimeoutS());
        if (settings.username() != null && !settings.username().isEmpty()) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null && !settings.password().isEmpty()) {
            o.setPassword(settings.password().revealBytes());
        }
        if (settings.usesTls()) {
            o.setSocketFactory(TlsSocketFactories.create(settings.tls()));
        } else {
            o.setSocketFactory(new ConnectRaceSocketFactory()); // a Paho thread leak, see the class
        }
        if (settings.announceStatus()) {
            o.setSessionExpiryInterval(sessionExpirySeconds(settings));
            // The same message as every status (OutboundMessage sets its QoS, retain and properties); Paho sends a
            // Will's properties apart from the message, with the Will Delay Interval (MQTT 5.0 section 3.1.3.2.2).
            OutboundMessage offline = statusMessage(ServiceState.SERVICE_STATE_OFFLINE, 0);
            MqttMessage will = offline.toMqttMessage();
            MqttProperties willProperties = will.getProperties();
            willProperties.setWillDelayInterval((long) settings.willDelayS());
            o.setWillMessageProperties(willProperties);
            o.setWill(offline.topic(), will);
        }
        return o;
    }

    /**
     * How long the broker keeps a service's session after its connection is gone: the queue expiry (requests queued
     * for it are answered when it is back within that time), and at least the will delay, since the Will is only
     * delayed while the session lives.
     */
    static long sessionExpirySeconds(MqttSettings settings) {
        return Math.max(settings.willDelayS(), settings.queueExpiryS());
    }

    private void send(OutboundMessage m) throws InterruptedException {
        try {
            // One attempt: a message the receive window refuses goes back to the outbox, where a newer one may take
            // its place, and the loop waits a moment for acks before it polls again.
            publishWhenTheWindowAllows(m, System.nanoTime());
            published.increment();
        } catch (MqttException e) {
            if (e.getReasonCode() == REASON_MAX_INFLIGHT) {
                outbox.returnUnsent(m);
                closing.await(2, TimeUnit.MILLISECONDS);
            } else if (!paho.isConnected()) {
                outbox.returnUnsent(m);
            } else {
                publishFailures.increment();
                log.warn("publish to {} failed: {}", m.topic(), e.getMessage());
            }
        }
    }

    private void setReady(boolean value) {
        outbox.latestDepth(value ? ONLINE_LATEST_DEPTH : 1);
        synchronized (readiness) {
            ready = value;
            readiness.notifyAll();
        }
    }

    /**
     * Sends what is queued (up to {@code flush}), clears the retained scenes it published (empty retained messages),
     * publishes OFFLINE (service only), disconnects normally
     * and stops every thread this client started.
     */
    public void close(Duration flush) {
        if (!running) {
            return;
        }
        running = false;
        closing.countDown();
        outbox.wake();
        try {
            io.join(settings.connectTimeoutS() * 1000L + 2000);
            if (paho.isConnected()) {
                long deadline = System.nanoTime() + flush.toNanos();
                OutboundMessage m;
                while (System.nanoTime() < deadline && (m = outbox.poll(System.nanoTime())) != null) {
                    send(m);
                }
                // An empty retained message removes the retained one (MQTT 5.0 section 3.3.1.3): a stopped service
                // leaves no scene behind. After a crash the last scene stays; the OFFLINE Will says to ignore it.
                for (String topic : sceneTopics) {
                    publishWhenTheWindowAllows(new OutboundMessage(Channel.SCENE, topic, ByteString.EMPTY,
                            OptionalLong.empty(), Optional.empty(), Optional.empty(), System.nanoTime()),
                            System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
                }
                if (settings.announceStatus()) {
                    OutboundMessage offline = statusMessage(ServiceState.SERVICE_STATE_OFFLINE, births);
                    tellListeners(offline);
                    IMqttToken t = publishWhenTheWindowAllows(offline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
                    t.waitForCompletion(2000);
                }
                // Session expiry 0 on DISCONNECT (MQTT 5.0 section 3.14.2.2.2): nothing is queued for a service that left.
                MqttProperties leaving = new MqttProperties();
                leaving.setSessionExpiryInterval(0L);
                paho.disconnect(2000, null, null, 0, leaving).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.warn("MQTT clean shutdown incomplete: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            setReady(false);
            try {
                if (paho.isConnected()) {
                    paho.disconnectForcibly(0, 1000, false);
                }
                paho.close(true);
            } catch (MqttException e) {
                log.debug("closing Paho: {}", e.getMessage());
            }
        }
    }

    /**
     * Publishes {@code m}, waiting for acks while the broker's receive window is full (Paho refuses a QoS > 0
     * publish then, reason {@value #REASON_MAX_INFLIGHT}; every refusal is counted); once {@code deadlineNanos}
     * has passed the refusal is thrown, so a deadline of now means one attempt.
     */
    private IMqttToken publishWhenTheWindowAllows(OutboundMessage m, long deadlineNanos)
            throws MqttException, InterruptedException {
        MqttMessage message = m.toMqttMessage();
        while (true) {
            try {
                return paho.publish(m.topic(), message);
            } catch (MqttException e) {
                if (e.getReasonCode() != REASON_MAX_INFLIGHT) {
                    throw e;
                }
                inflightWaits.increment();
                if (System.nanoTime() >= deadlineNanos) {
                    throw e;
                }
                Thread.sleep(2);
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(1));
    }

    /**
     * Stops like a killed process would: no OFFLINE, no DISCONNECT packet, so the broker publishes the
     * Will after the will delay. Lets tests check the Will without killing the JVM.
     */
    void abandon() throws MqttException, InterruptedException {
        running = false;
        closing.countDown();
        outbox.wake();
        io.join(5000);
        setReady(false);
        paho.disconnectForcibly(0, 1000, false);
        paho.close(true);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            setReady(false);
            if (running) {
                log.warn("MQTT connection to {} lost: {}", settings.serverUri(),
                        response.getException() != null ? response.getException().getMessage() : response.getReasonString());
            }
            outbox.wake();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            InboundMessage in = InboundMessage.of(topic, message, System.nanoTime());
            for (Subscription s : subscriptions) {
                if (MqttTopicValidator.isMatched(s.matchFilter(), topic)) {
                    try {
                        s.listener().onMessage(in);
                    } catch (RuntimeException e) {
                        log.warn("listener of {} failed on a message from {}: {}", s.filter(), topic, e.toString());
                    }
                }
            }
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
    }
}
