package io.sightline.perception.tracking;

/**
 * Tracker settings (the {@code tracking} section of the service configuration).
 *
 * @param iouThreshold       least IoU between a track's last box and a detection for them to be associated
 * @param minHits            matched frames (the first detection included) before a track is CONFIRMED
 * @param lostAfterMisses    consecutive unmatched frames after which a CONFIRMED track turns LOST; fewer misses keep
 *                           it CONFIRMED (a score dip of a frame or two changes nothing on the wire); 1 = LOST on the
 *                           first miss
 * @param maxMisses          consecutive unmatched frames a confirmed track survives before it ENDs (>= lostAfterMisses
 *                           - 1; with fewer, the track ends without being LOST)
 * @param maxDistanceM       base_link gate: a detection whose position lies farther than this from the track's
 *                           last position is not associated even when the boxes overlap; 0 turns the gate off,
 *                           and it never applies when either position is unknown
 * @param centreGate         second way to continue a track, for small or fast objects whose boxes stop overlapping
 *                           (a pedestrian 30 px wide that walks 10 px a frame, or a missed frame): a detection whose
 *                           box centre lies within this fraction of the taller box's height from the track's last
 *                           centre, widened by half for each frame the track has missed, and whose height is within
 *                           a factor 1.5 of the track's; IoU pairs are chosen first. 0 turns it off
 * @param birthMargin        a detection starts a new track only when it scores at least this much over the detector's
 *                           score threshold (the pack's operating point, {@link Tracker#Tracker(TrackerConfig,
 *                           java.util.function.Function, double)}); weaker detections only continue tracks (a person half
 *                           hidden for a frame keeps its id, but does not start a second one); 0 = any
 * @param velocityWeight     constant-velocity prediction: each track's box moves by its velocity (box centre, pixels a
 *                           frame, smoothed with this weight on the latest measurement, as an alpha-beta filter) per
 *                           frame before association; 0 = off (the last box is the prediction)
 * @param eventMinMoveM      a confirmed track gets an UPDATE event when its base_link position moved more than this
 *                           since its previous event (unlocated tracks: the box centre, {@link Tracker#MOVE_BOX_FRACTION});
 *                           0 = an UPDATE on every matched frame that moved at all
 * @param eventKeepAliveS    an UPDATE for a track without any other event for this long (seconds of capture time);
 *                           0 = no keep-alive
 */
public record TrackerConfig(double iouThreshold, int minHits, int lostAfterMisses, int maxMisses, double maxDistanceM,
                            double centreGate, double birthMargin, double velocityWeight, double eventMinMoveM,
                            double eventKeepAliveS) {
    /** Without the centre gate and the event rules: LOST on the first miss, an UPDATE on every move. */
    public TrackerConfig(double iouThreshold, int minHits, int maxMisses, double maxDistanceM) {
        this(iouThreshold, minHits, maxMisses, maxDistanceM, 0);
    }

    /** LOST on the first miss, an UPDATE on every move, no keep-alive. */
    public TrackerConfig(double iouThreshold, int minHits, int maxMisses, double maxDistanceM, double centreGate) {
        this(iouThreshold, minHits, 1, maxMisses, maxDistanceM, centreGate, 0, 0, 0, 0);
    }

    /**
     * Defaults for a robot camera at about 10 fps: IoU 0.3 (boxes of a slowly moving robot overlap far more, an
     * occluder entering halves a box at worst), 3 hits (a one-frame false positive never becomes an object),
     * LOST after 3 misses (validation split, test generator seed 303, README "Tracking": the smallest window at which
     * tracks marked LOST while their object is in view fall to half of those with LOST on the first miss),
     * 10 missed frames (1 s of occlusion at 10 fps keeps the id), 0.15 m gate (an object does not jump by more
     * than its own size between frames; two same-label objects with overlapping boxes usually stand further apart),
     * centre gate 0.5 (half a box height: on opencv-doc's vtest.avi, pedestrians at 10 fps, person track ids created
     * fell from 172 to 112 in a replay of the published boxes, without it tracks broke whenever a 30 px box moved
     * more than about a third of its width), birth margin 0.15 (same validation split, the tabletop pack at its
     * threshold 0.05: the best grounding Acc@0.5 of the margins 0, 0.05, 0.15, ..., 0.45; 0.7761 -> 0.7801, id
     * switches 19 -> 18; coco-nanodet, operating point 0.40, starts tracks at 0.55), velocity weight 0.5 (neutral on that split, fewer broken pedestrian tracks on
     * vtest.avi), UPDATE events on moves over 5 cm (above the positions' jitter on the
     * demo scenes, p95 3.1 cm) and a keep-alive every 30 s (a static object: 2 events a minute at most).
     */
    public static TrackerConfig defaults() {
        return new TrackerConfig(0.3, 3, 3, 10, 0.15, 0.5, 0.15, 0.5, 0.05, 30);
    }

    public TrackerConfig {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("tracker iouThreshold must be in (0, 1], got " + iouThreshold);
        }
        if (minHits < 1) {
            throw new IllegalArgumentException("tracker minHits must be >= 1, got " + minHits);
        }
        if (lostAfterMisses < 1) {
            throw new IllegalArgumentException("tracker lostAfterMisses must be >= 1, got " + lostAfterMisses);
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
        if (!(birthMargin >= 0 && birthMargin <= 1)) {
            throw new IllegalArgumentException("tracker birthMargin must be in [0, 1] (0 = any), got " + birthMargin);
        }
        if (!(velocityWeight >= 0 && velocityWeight <= 1)) {
            throw new IllegalArgumentException("tracker velocityWeight must be in [0, 1] (0 = off), got " + velocityWeight);
        }
        if (!(eventMinMoveM >= 0)) {
            throw new IllegalArgumentException("tracker eventMinMoveM must be >= 0, got " + eventMinMoveM);
        }
        if (!(eventKeepAliveS >= 0)) {
            throw new IllegalArgumentException("tracker eventKeepAliveS must be >= 0 (0 = off), got " + eventKeepAliveS);
        }
    }

    /** The same settings with another {@link #lostAfterMisses()}. */
    public TrackerConfig withLostAfterMisses(int misses) {
        return new TrackerConfig(iouThreshold, minHits, misses, maxMisses, maxDistanceM, centreGate, birthMargin,
            velocityWeight, eventMinMoveM, eventKeepAliveS);
    }

    /** The same settings with another {@link #birthMargin()} and {@link #velocityWeight()}. */
    public TrackerConfig withBirthAndMotion(double margin, double weight) {
        return new TrackerConfig(iouThreshold, minHits, lostAfterMisses, maxMisses, maxDistanceM, centreGate, margin,
            weight, eventMinMoveM, eventKeepAliveS);
    }
}
