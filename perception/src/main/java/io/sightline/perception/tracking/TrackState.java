package io.sightline.perception.tracking;

/**
 * Life cycle of a track, the rules of {@link Tracker}:
 * <ul>
 * <li>TENTATIVE: created by an unmatched detection; CONFIRMED after {@link TrackerConfig#minHits()} matched frames
 *     (the first included). A TENTATIVE track that misses a frame ends silently: it was never reported as an object.
 * <li>CONFIRMED: matched in the latest frame or in one of the {@link TrackerConfig#lostAfterMisses()} frames before
 *     (a short gap, such as a score dip under the threshold, neither changes the state nor sends an event).
 * <li>LOST: {@link TrackerConfig#lostAfterMisses()} or more consecutive misses; kept, with its last box and position,
 *     so that the object gets its id back when it reappears (then CONFIRMED again).
 * <li>ENDED: more than {@link TrackerConfig#maxMisses()} consecutive misses. Reported once, in the update that ends
 *     it (with an END event), then dropped.
 * </ul>
 */
public enum TrackState {
    TENTATIVE, CONFIRMED, LOST, ENDED
}
