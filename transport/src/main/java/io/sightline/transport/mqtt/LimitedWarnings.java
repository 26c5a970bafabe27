package io.sightline.transport.mqtt;

import org.slf4j.Logger;

/**
 * Warnings caused by what clients send, at most a few a second: the rest are counted and the count is named in the
 * next warning, so a flood of bad requests cannot flood the log. Messages must already be made safe
 * ({@link ClientText#safe}).
 */
final class LimitedWarnings {
    private final Logger log;
    private final TokenBucket bucket;
    private long suppressed;

    LimitedWarnings(Logger log, double perSecond, int burst) {
        this.log = log;
        this.bucket = new TokenBucket(perSecond, burst, System.nanoTime());
    }

    void warn(String safeMessage) {
        warn(safeMessage, null);
    }

    /** @param failure logged with its stack trace when not null */
    void warn(String safeMessage, Throwable failure) {
        long skipped;
        synchronized (this) {
            if (!bucket.tryTake(System.nanoTime())) {
                suppressed++;
                return;
            }
            skipped = suppressed;
            suppressed = 0;
        }
        String line = skipped > 0 ? safeMessage + " (" + skipped + " similar warnings suppressed before this one)" : safeMessage;
        if (failure != null) {
            log.warn("{}", line, failure);
        } else {
            log.warn("{}", line);
        }
    }
}
