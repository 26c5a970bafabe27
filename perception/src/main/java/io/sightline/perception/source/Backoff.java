package io.sightline.perception.source;

import java.time.Duration;

/**
 * Exponential backoff between reconnect attempts: {@code initial}, then times {@code multiplier} up to
 * {@code max}.
 *
 * @param maxAttempts attempts in a row before giving up (FAILED); 0 retries for ever
 */
public record Backoff(Duration initial, Duration max, double multiplier, int maxAttempts) {
    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, got initial=" + initial + " max=" + max);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("backoff multiplier must be >= 1, got " + multiplier);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("backoff maxAttempts must be >= 0 (0 = for ever), got " + maxAttempts);
        }
    }

    /** 0.5 s doubling to 10 s, for ever: a camera that comes back is picked up within 10 s. */
    public static Backoff camera() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), 2.0, 0);
    }

    /** The wait before attempt {@code attempt} (1 = the first retry). */
    public long delayNanos(int attempt) {
        double d = initial.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return (long) Math.min(d, max.toNanos());
    }
}
