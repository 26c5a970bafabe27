package io.sightline.perception.tracking;

/**
 * Tracker settings.
 *
 * @param iouThreshold       least IoU between a track's last box and a detection for them to be associated
 * @param minHits            matched frames (the first detection included) before a track is CONFIRMED
 * @param maxMisses          consecutive unmatched frames a confirmed track survives as LOST before it ends
 * @param maxDistanceM       base_link gate: a detection whose position lies farther than this from the track's
 *                           last position is not associated even when the boxes overlap; 0 turns the gate off,
 *                           and it never applies when either position is unknown
 */
public record TrackerConfig(double iouThreshold, int minHits, int maxMisses, double maxDistanceM) {
    /**
     * Defaults for a robot camera at about 10 fps: IoU 0.3 (boxes of a slowly moving robot overlap far more, an
     * occluder entering halves a box at worst), 3 hits (a one-frame false positive never becomes an object),
     * 10 missed frames (1 s of occlusion at 10 fps keeps the id), 0.15 m gate (an object does not jump by more
     * than its own size between frames; two same-label objects with overlapping boxes usually stand further apart).
     */
    public static TrackerConfig defaults() {
        return new TrackerConfig(0.3, 3, 10, 0.15);
    }

    public TrackerConfig {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("tracker iouThreshold must be in (0, 1], got " + iouThreshold);
        }
        if (minHits < 1) {
            throw new IllegalArgumentException("tracker minHits must be >= 1, got " + minHits);
        }
        if (maxMisses < 0) {
            throw new IllegalArgumentException("tracker maxMisses must be >= 0, got " + maxMisses);
        }
        if (!(maxDistanceM >= 0)) {
            throw new IllegalArgumentException("tracker maxDistanceM must be >= 0 (0 = off), got " + maxDistanceM);
        }
    }
}
