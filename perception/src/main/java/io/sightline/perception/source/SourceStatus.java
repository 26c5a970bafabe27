package io.sightline.perception.source;

import java.util.Objects;

/**
 * A snapshot of a source's state and counters.
 *
 * @param state      where the source is in its life cycle
 * @param reason     why it is in that state, e.g. the device error; else why the last frame was skipped; else ""
 * @param delivered  frames handed out by {@link FrameSource#next()}
 * @param skipped    frames that could not be read or decoded and were skipped (corrupt, short read)
 * @param reconnects successful re-openings after a failure
 */
public record SourceStatus(SourceState state, String reason, long delivered, long skipped, long reconnects) {
    public SourceStatus {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }
}
