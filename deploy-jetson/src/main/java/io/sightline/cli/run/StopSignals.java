package io.sightline.cli.run;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM (systemd stop) ask {@code run} to stop cleanly, so it can publish OFFLINE,
 * close the broker and exit with 0 (a JVM ended by a signal through shutdown hooks exits 130 / 143). A second
 * signal while stopping exits at once. Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every
 * OpenJDK); where it is missing the shutdown hook still stops the service, only the exit code differs.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    static void install(Runnable stop) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    if (received.incrementAndGet() == 1) {
                        stop.run();
                    } else {
                        log.warn("second SIG{} while stopping: exiting now", s.getName());
                        Runtime.getRuntime().halt(128 + s.getNumber());
                    }
                });
            } catch (IllegalArgumentException | LinkageError e) {
                log.debug("cannot handle SIG{}: {}; the shutdown hook stops the service instead", name, e.toString());
            }
        }
    }
}
