package io.sightline.transport.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HiveMQ CE broker inside this JVM, listening on 127.0.0.1 only (anonymous access must not reach the
 * robot's network). It lives in a private temporary folder: HiveMQ needs its data and extensions
 * folders to exist before start() ("Could not open data lock file" otherwise), and a config.xml that
 * sets the listener and turns off anonymous usage statistics (HiveMQ would otherwise phone home).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String HOST = "127.0.0.1";
    /**
     * Messages the broker queues per client beyond the 50 in flight to it (HiveMQ's default is 1000, newest discarded
     * past it). A subscriber with a persistent session receives the service's whole outbox in one burst after an
     * outage: 10 s of the demo's ~120 events/s plus the live events is already past 1000 (HiveMQ counted 331-507
     * dropped per 10 s outage in BrokerOutageTest). 10,000 holds a full events queue (outbox_capacity 4000) and as
     * many results and requests, with room; the same advice for Mosquitto is max_queued_messages in the README.
     */
    static final int MAX_QUEUED_MESSAGES_PER_CLIENT = 10_000;

    private final int port;
    private final Path home;
    /** Null while stopped: an EmbeddedHiveMQ cannot start twice (its metric registry keeps the old metrics). */
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(int port, Path home) {
        this.port = port;
        this.home = home;
    }

    /** Starts a broker on {@code port}; 0 picks a free port. */
    public static EmbeddedBroker start(int port) {
        int chosen = port == 0 ? freePort() : port;
        Path home;
        try {
            home = Files.createTempDirectory("sightline-hivemq-");
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
            Files.writeString(home.resolve("conf/config.xml"), configXml(chosen));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a folder for the embedded HiveMQ broker", e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(chosen, home);
        broker.startAgain();
        return broker;
    }

    static String configXml(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>%d</max-queue-size>
                      <strategy>discard</strategy>
                    </queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, HOST, MAX_QUEUED_MESSAGES_PER_CLIENT);
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://" + HOST + ":" + port;
    }

    /**
     * The broker's own counts of messages it dropped since it last started (HiveMQ's {@code com.hivemq.messages.dropped.*}
     * counters: a full client queue, an expired message...), by metric name; empty while stopped.
     */
    public synchronized java.util.SortedMap<String, Long> droppedMessages() {
        java.util.SortedMap<String, Long> out = new java.util.TreeMap<>();
        if (hivemq != null) {
            hivemq.getMetricRegistry().getCounters((name, metric) -> name.contains("dropped"))
                    .forEach((name, counter) -> out.put(name, counter.getCount()));
        }
        return out;
    }

    /** (Re)starts the broker; used by fault tests after {@link #stop()}. */
    public synchronized void startAgain() {
        if (hivemq != null) {
            return;
        }
        long t0 = System.nanoTime();
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get();
        } catch (ExecutionException e) {
            stop();
            throw new IllegalStateException("embedded HiveMQ broker failed to start on 127.0.0.1:" + port
                    + " (is the port taken? see the log above): " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the embedded broker", e);
        }
        log.info("embedded HiveMQ CE broker listening on {} (started in {} ms)", uri(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Stops the broker, dropping every connection; {@link #startAgain()} brings it back on the same port. */
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get();
            hivemq.close();
        } catch (ExecutionException e) {
            log.warn("embedded broker stop: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hivemq = null;
    }

    @Override
    public synchronized void close() {
        stop();
        deleteTree(home);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not remove {}: {}", root, e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the embedded broker", e);
        }
    }
}
