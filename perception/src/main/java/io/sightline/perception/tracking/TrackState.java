package io.sightline.perception.tracking;

/**
 * Life cycle of a track. A track starts TENTATIVE, becomes CONFIRMED after {@link TrackerConfig#minHits()}
 * matched frames, turns LOST on a frame without a match and CONFIRMED again when matched; it ends (an END
 * event, no longer reported) after more than {@link TrackerConfig#maxMisses()} consecutive misses. A TENTATIVE
 * track that misses a frame ends silently: it was never reported as an object.
 */
public enum TrackState {
    TENTATIVE, CONFIRMED, LOST
}
