package io.sightline.cli.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code sightline run} does when a thread dies, the one place for it: an {@link Error} in any thread
 * ({@link OutOfMemoryError} first of all), or any exception that kills one of the service's own worker threads
 * (named {@code sightline-*}: pipeline, capture, health, MQTT), ends the process with {@link #EXIT_CODE}, so that
 * systemd ({@code Restart=on-failure}) starts a fresh one instead of leaving a process alive that no longer
 * detects. Before exiting it runs the last words (close the service: OFFLINE published, retained) on a thread of
 * its own, for at most the grace period; the MQTT Will announces OFFLINE when even that cannot be done. Other
 * threads that die of an exception (a library's) are logged only. Installed as the default uncaught-exception
 * handler; the exit action is injected so that tests do not end their JVM.
 */
final class FatalErrors implements Thread.UncaughtExceptionHandler {
    /** Exit code of a process ended by a fatal error (EX_SOFTWARE of sysexits.h), listed in README's exit codes. */
    static final int EXIT_CODE = 70;
    static final Duration GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);

    private final Runnable lastWords;
    private final IntConsumer exit;
    private final Duration grace;
    private final AtomicBoolean fired = new AtomicBoolean();

    /**
     * @param lastWords what to do before exiting (publish OFFLINE); bounded by {@code grace}
     * @param exit      ends the process with the code ({@code Runtime.getRuntime()::halt} in {@code run})
     */
    FatalErrors(Runnable lastWords, IntConsumer exit, Duration grace) {
        this.lastWords = lastWords;
        this.exit = exit;
        this.grace = grace;
    }

    /** Installs the policy for every thread of this JVM that has no handler of its own. */
    static FatalErrors install(Runnable lastWords) {
        FatalErrors f = new FatalErrors(lastWords, Runtime.getRuntime()::halt, GRACE);
        Thread.setDefaultUncaughtExceptionHandler(f);
        return f;
    }

    /** Whether {@code e} dying in {@code t} must end the process. */
    static boolean fatal(Thread t, Throwable e) {
        return e instanceof Error || t.getName().startsWith("sightline-");
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (!fatal(t, e)) {
            quietly(() -> log.warn("thread {} died", t.getName(), e));
            return;
        }
        if (!fired.compareAndSet(false, true)) {
            return; // the first fatal error is already ending the process
        }
        try {
            quietly(() -> log.error("fatal: thread {} died of {}; publishing OFFLINE and exiting with {} (systemd restarts"
                + " the service)", t.getName(), e, EXIT_CODE, e));
            Thread closer = new Thread(() -> quietly(lastWords), "fatal-error-shutdown");
            closer.setDaemon(true);
            closer.start();
            closer.join(grace.toMillis());
            if (closer.isAlive()) {
                quietly(() -> log.error("shutdown did not finish within {} s; exiting without it", grace.toSeconds()));
            }
        } catch (Throwable again) {
            // Out of memory again, interrupted: exit all the same; the broker publishes the Will (OFFLINE).
        } finally {
            exit.accept(EXIT_CODE);
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (Throwable ignored) {
            // logging or closing failed (e.g. no memory left); the exit must still happen
        }
    }
}
