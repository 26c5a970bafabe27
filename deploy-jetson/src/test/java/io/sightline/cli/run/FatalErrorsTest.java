package io.sightline.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The fatal-error policy with the exit action injected: the test JVM lives on. */
class FatalErrorsTest {
    private final List<String> happened = new CopyOnWriteArrayList<>();
    private final FatalErrors policy = new FatalErrors(() -> happened.add("offline"), code -> happened.add("exit " + code),
        Duration.ofSeconds(5));

    private void dieIn(String threadName, Throwable cause) throws InterruptedException {
        Thread t = new Thread(() -> {
            if (cause instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) cause;
        }, threadName);
        t.setUncaughtExceptionHandler(policy);
        t.start();
        t.join(10_000);
    }

    @Test
    void anOutOfMemoryErrorPublishesOfflineThenExitsNonZero() throws Exception {
        dieIn("sightline-pipeline-cam0", new OutOfMemoryError("Java heap space (test)"));
        assertThat(happened).containsExactly("offline", "exit " + FatalErrors.EXIT_CODE);
        assertThat(FatalErrors.EXIT_CODE).isNotZero().isNotIn(1, 2);
    }

    @Test
    void aDeadWorkerThreadEndsTheProcessOnce() throws Exception {
        dieIn("sightline-capture-cam0", new IllegalStateException("bug"));
        dieIn("sightline-health", new OutOfMemoryError("again"));
        assertThat(happened).containsExactly("offline", "exit " + FatalErrors.EXIT_CODE);
    }

    @Test
    void anErrorInAnyThreadIsFatal() throws Exception {
        dieIn("MQTT Call: robot", new StackOverflowError());
        assertThat(happened).containsExactly("offline", "exit " + FatalErrors.EXIT_CODE);
    }

    @Test
    void aLibraryThreadDyingOfAnExceptionIsOnlyLogged() throws Exception {
        dieIn("pool-3-thread-1", new IllegalArgumentException("not ours"));
        assertThat(happened).isEmpty();
    }

    @Test
    void aShutdownThatHangsDoesNotStopTheExit() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        FatalErrors hanging = new FatalErrors(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, code -> out.add("exit " + code), Duration.ofMillis(200));
        Thread t = new Thread(() -> {
            throw new OutOfMemoryError("test");
        }, "sightline-pipeline-x");
        t.setUncaughtExceptionHandler(hanging);
        t.start();
        t.join(10_000);
        assertThat(out).containsExactly("exit " + FatalErrors.EXIT_CODE);
    }
}
