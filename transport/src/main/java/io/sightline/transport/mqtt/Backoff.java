package io.sightline.transport.mqtt;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code initialMillis}, doubling up to {@code maxMillis}, with
 * "full jitter" (a uniform draw in [delay/2, delay]) so that a fleet of robots restarted together by a
 * broker restart does not reconnect in lock step.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private long current;

    Backoff(long initialMillis, long maxMillis, DoubleSupplier random) {
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("backoff needs 1 <= initial (" + initialMillis + ") <= max (" + maxMillis + ")");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.random = random;
        this.current = initialMillis;
    }

    long nextDelayMillis() {
        long delay = current;
        current = Math.min(maxMillis, current * 2);
        return delay / 2 + Math.round(random.getAsDouble() * (delay - delay / 2));
    }

    void reset() {
        current = initialMillis;
    }
}
