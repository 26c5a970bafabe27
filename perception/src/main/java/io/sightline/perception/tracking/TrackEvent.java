package io.sightline.perception.tracking;

import java.util.Objects;

/**
 * A change a consumer of tracks cares about, emitted by {@link Tracker#update}: NEW when a track is confirmed
 * (tentative tracks are not announced, so a one-frame false positive never reaches a subscriber), UPDATE for
 * every later frame of a track that is still reported (matched or LOST), END when a confirmed track is dropped.
 *
 * @param kind  what happened
 * @param seq   frame sequence number of the update that emitted it
 * @param track the track's state after that update (for END: its last state)
 */
public record TrackEvent(Kind kind, long seq, TrackedObject track) {
    public enum Kind { NEW, UPDATE, END }

    public TrackEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(track, "track");
    }
}
