package io.sightline.perception.tracking;

import java.util.Objects;

/**
 * A change a consumer of tracks cares about, emitted by {@link Tracker#update}:
 * <ul>
 * <li>NEW when a track is confirmed (tentative tracks are not announced, so a one-frame false positive never
 *     reaches a subscriber);
 * <li>UPDATE only on a real change since the track's previous event: its state changed (CONFIRMED to LOST and
 *     back), it moved more than {@link TrackerConfig#eventMinMoveM()} in base_link (or, unlocated, its box centre
 *     more than {@link Tracker#MOVE_BOX_FRACTION} of the box height), or {@link TrackerConfig#eventKeepAliveS()}
 *     passed without an event (the keep-alive);
 * <li>END when a confirmed track ends (its state ENDED).
 * </ul>
 * A static scene thus gives NEW once per object and then a keep-alive per object every
 * {@link TrackerConfig#eventKeepAliveS()} seconds.
 *
 * @param kind  what happened
 * @param seq   frame sequence number of the update that emitted it
 * @param track the track's state after that update (for END: its last state, ENDED)
 */
public record TrackEvent(Kind kind, long seq, TrackedObject track) {
    public enum Kind { NEW, UPDATE, END }

    public TrackEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(track, "track");
    }
}
