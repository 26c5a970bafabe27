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
 * @param centreGate         second way to continue a track, for small or fast objects whose boxes stop overlapping
 *                           (a pedestrian 30 px wide that walks 10 px a frame, or a missed frame): a detection whose
 *                           box centre lies within this fraction of the taller box's height from the track's last
 *                           centre, widened by half for each frame the track has missed, and whose height is within
 *                           a factor 1.5 of the track's; IoU pairs are chosen first. 0 turns it off
 */
public record TrackerConfig(double iouThreshold, int minHits, int maxMisses, double maxDistanceM, double centreGate) {
    /** Without the centre gate. */
    public TrackerConfig(double iouThreshold, int minHits, int maxMisses, double maxDistanceM) {
        this(iouThreshold, minHits, maxMisses, maxDistanceM, 0);
    }

    /**
     * Defaults for a robot camera at about 10 fps: IoU 0.3 (boxes of a slowly moving robot overlap far more, an
     * occluder entering halves a box at worst), 3 hits (a one-frame false positive never becomes an object),
     * 10 missed frames (1 s of occlusion at 10 fps keeps the id), 0.15 m gate (an object does not jump by more
     * than its own size between frames; two same-label objects with overlapping boxes usually stand further apart),
     * centre gate 0.5 (half a box height: on opencv-doc's vtest.avi, pedestrians at 10 fps, person track ids created
     * fell from 172 to 112 in a replay of the published boxes, without it tracks broke whenever a 30 px box moved
     * more than about a third of its width).
     */
    public static TrackerConfig defaults() {
        return new TrackerConfig(0.3, 3, 10, 0.15, 0.5);
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
        if (!(centreGate >= 0)) {
            throw new IllegalArgumentException("tracker centreGate must be >= 0 (0 = off), got " + centreGate);
        }
        if (!(maxDistanceM >= 0)) {
            throw new IllegalArgumentException("tracker maxDistanceM must be >= 0 (0 = off), got " + maxDistanceM);
        }
    }
}
