package io.sightline.transport.mqtt;

import static io.sightline.transport.mqtt.MqttTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.mqtt.MqttTestKit.RawClient;
import io.sightline.transport.mqtt.MqttTestKit.Received;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.Header;
import io.sightline.transport.v1.TrackEvent;
import io.sightline.transport.v1.TrackEventKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 10 s broker outage at the demo's event rate (issue 25, point 5): every track event published before, during
 * and after it reaches a subscriber with a persistent session, and a grounding request published as soon as the
 * broker is back, before the service has reconnected, is answered (the service's session, with its subscription,
 * outlives the outage).
 */
class BrokerOutageTest {
    /** The demo scene's track event rate. */
    private static final int EVENTS_PER_S = 120;
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void losesNoEventAndNoRequestInATenSecondOutage() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        String reply = topics.groundResponse("outage-requester");
        SightlineMqttClientTest.TableHandler handler = new SightlineMqttClientTest.TableHandler();
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor();
        // published (acked by the broker) and not yet at the planner: about what the broker queues for it
        ScheduledExecutorService lagSampler = Executors.newSingleThreadScheduledExecutor();
        LongAccumulator lag = new LongAccumulator(Math::max, 0);
        AtomicLong seq = new AtomicLong();
        Set<Long> received = ConcurrentHashMap.newKeySet();
        long stoppedAfter;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0); GatedProxy gate = new GatedProxy(broker.port())) {
            RawClient planner = new RawClient(broker.uri(), false).subscribe(topics.events("cam0"), 1);
            RawClient requester = new RawClient(broker.uri(), true);
            // the service reaches the broker through a gate, closed from the outage until the request below is published
            SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(gate.uri(), robot));
            GroundingResponder responder = new GroundingResponder(service, handler, MqttTestKit.grounding(4096, 30_000, 16, null));
            try {
                assertThat(service.awaitReady(WAIT)).isTrue();
                requester.subscribe(reply, 1);
                events.scheduleAtFixedRate(() -> service.publishEvent(TrackEvent.newBuilder()
                        .setKind(TrackEventKind.TRACK_EVENT_KIND_NEW)
                        .setHeader(Header.newBuilder().setCameraId("cam0").setSeq(seq.incrementAndGet())).build()),
                        0, 1_000_000 / EVENTS_PER_S, TimeUnit.MICROSECONDS);
                Thread.sleep(1_000);

                gate.open(false);
                stoppedAfter = seq.get();
                broker.stop();
                Thread.sleep(OUTAGE.toMillis());
                broker.startAgain();
                requester.connect(true);
                requester.subscribe(reply, 1);
                planner.connect(false);
                assertThat(service.isReady()).isFalse();
                requester.publish(topics.groundRequest(), GroundingRequest.newBuilder().setRequestId("after-restart")
                        .setExpression("the red cup").build().toByteArray(), reply, new byte[] {1});
                gate.open(true);
                lagSampler.scheduleAtFixedRate(() -> lag.accumulate(service.stats().published() - planner.received.size()),
                        0, 5, TimeUnit.MILLISECONDS);

                assertThat(service.awaitReady(WAIT)).isTrue();
                Thread.sleep(1_000);
                events.shutdown();
                assertThat(events.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
                long sent = seq.get();
                await("every event published", WAIT, () -> service.stats().outboxSize() == 0);
                long published = service.stats().published();
                try {
                    await("every event at the planner", WAIT, () -> {
                        collect(planner, received);
                        return received.size() >= sent;
                    });
                } finally {
                    collect(planner, received);
                    Set<Long> missing = new TreeSet<>();
                    for (long s = 1; s <= sent; s++) {
                        if (!received.contains(s)) {
                            missing.add(s);
                        }
                    }
                    System.out.printf("outage: %d events sent, %d lost (%s), outbox dropped %d (full) %d (expired), "
                            + "stopped after seq %d; broker dropped %s; most published and not yet at the planner %d%n",
                            sent, missing.size(), ranges(missing), service.stats().droppedFull(),
                            service.stats().droppedExpired(), stoppedAfter, broker.droppedMessages(), lag.get());
                }
                assertThat(received).as("events the planner got").hasSize((int) sent);
                assertThat(broker.droppedMessages()).as("the broker's dropped counters").allSatisfy((name, n) ->
                        assertThat(n).as(name).isZero());
                assertThat(published).isGreaterThanOrEqualTo(sent);
                ClientStats stats = service.stats();
                System.out.println("outage: service " + stats);
                assertThat(stats.droppedFull()).isZero();
                assertThat(stats.droppedExpired()).isZero();
                assertThat(stats.publishFailures()).isZero();
                Received answer = requester.next(WAIT, r -> r.topic().equals(reply));
                assertThat(GroundingResult.parseFrom(answer.message().getPayload()).getStatus())
                        .isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
            } finally {
                events.shutdownNow();
                lagSampler.shutdownNow();
                responder.close();
                service.close();
                requester.close();
                planner.close();
            }
        }
    }

    /** Moves the sequence numbers of what the planner received into {@code into}. */
    private static void collect(RawClient planner, Set<Long> into) {
        for (Received r : planner.received) {
            try {
                into.add(TrackEvent.parseFrom(r.message().getPayload()).getHeader().getSeq());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** "3-7, 9" for the numbers given. */
    private static String ranges(Set<Long> numbers) {
        StringBuilder out = new StringBuilder();
        long start = -1;
        long last = -2;
        for (long n : numbers) {
            if (n != last + 1) {
                if (start >= 0) {
                    out.append(start == last ? "" + start : start + "-" + last).append(", ");
                }
                start = n;
            }
            last = n;
        }
        if (start >= 0) {
            out.append(start == last ? "" + start : start + "-" + last);
        }
        return out.toString();
    }

    /** A TCP relay to the broker that, while shut, closes every connection it accepts at once. */
    private static final class GatedProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final int target;
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        private volatile boolean open = true;

        GatedProxy(int target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            daemon("gate-accept", this::acceptLoop);
        }

        String uri() {
            return "tcp://127.0.0.1:" + listener.getLocalPort();
        }

        void open(boolean value) {
            open = value;
        }

        private void acceptLoop() {
            try {
                while (true) {
                    Socket client = listener.accept();
                    if (!open) {
                        client.close();
                        continue;
                    }
                    try {
                        Socket server = new Socket(InetAddress.getByName("127.0.0.1"), target);
                        sockets.add(client);
                        sockets.add(server);
                        daemon("gate-up", () -> copy(client, server));
                        daemon("gate-down", () -> copy(server, client));
                    } catch (IOException refused) {
                        client.close();
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private static void copy(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try (from; to) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException gone) {
                // either side closed
            }
        }

        private static void daemon(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
