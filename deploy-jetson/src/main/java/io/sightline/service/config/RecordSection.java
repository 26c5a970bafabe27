package io.sightline.service.config;

import io.sightline.transport.config.ConfigException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code record} section: an MCAP recording of everything the service publishes, and of its frames.
 *
 * @param path         the first file ("run.mcap"); rotation adds "-0001", "-0002"... before the extension; empty =
 *                     no recording
 * @param maxBytes     start the next file once one reaches this many bytes; 0 = no size limit
 * @param maxDurationS start the next file after this many seconds; 0 = no time limit
 * @param frames       record the camera frames as foxglove.CompressedImage (JPEG) besides the messages
 * @param queue        items (messages and frames) waiting for the writer thread; when full, new ones are dropped
 *                     and counted
 */
public record RecordSection(String path, long maxBytes, long maxDurationS, boolean frames, int queue) {
    public RecordSection {
        path = path == null ? "" : path.strip();
        if (maxBytes < 0) {
            throw new ConfigException("record.max_bytes: " + maxBytes + " must be 0 (no size limit) or a number of bytes");
        }
        if (maxBytes > 0 && maxBytes < 65536) {
            throw new ConfigException("record.max_bytes: " + maxBytes + " is smaller than one chunk (65536 bytes)");
        }
        if (maxDurationS < 0) {
            throw new ConfigException("record.max_duration_s: " + maxDurationS + " must be 0 (no time limit) or seconds");
        }
        if (queue < 1) {
            throw new ConfigException("record.queue: " + queue + " must be at least 1");
        }
    }

    public boolean enabled() {
        return !path.isEmpty();
    }

    public Optional<Long> sizeLimit() {
        return maxBytes > 0 ? Optional.of(maxBytes) : Optional.empty();
    }

    public Optional<Duration> timeLimit() {
        return maxDurationS > 0 ? Optional.of(Duration.ofSeconds(maxDurationS)) : Optional.empty();
    }
}
