package io.sightline.perception.tracking;

import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts identity switches the CLEAR-MOT way (Bernardin and Stiefelhagen 2008): in each frame ground-truth
 * objects are matched one-to-one to the reported tracks at IoU >= {@link #MATCH_IOU}, greedily by IoU; a switch
 * is a ground-truth object matched to a different track id than at its previous match. One counter per
 * sequence; feed frames in order.
 */
public final class IdSwitchCounter {
    /** The usual MOT match threshold on box IoU. */
    public static final double MATCH_IOU = 0.5;

    private final Map<Integer, Integer> lastTrack = new HashMap<>();
    private int switches;
    private int matches;
    private int truths;

    /**
     * Adds one frame.
     *
     * @param truth  the frame's ground-truth objects (ids stable across the sequence)
     * @param tracks the tracks the system reports in that frame (usually the CONFIRMED ones)
     */
    public void add(List<ObjectAnnotation> truth, List<TrackedObject> tracks) {
        truths += truth.size();
        List<Box2D> truthBoxes = truth.stream().map(ObjectAnnotation::box).toList();
        List<Box2D> trackBoxes = tracks.stream().map(t -> t.detection().box()).toList();
        List<Association.Pair> chosen = Association.greedy(
            Association.byIou(truthBoxes, trackBoxes, MATCH_IOU), truth.size(), tracks.size());
        for (Association.Pair p : chosen) {
            matches++;
            int gt = truth.get(p.row()).id();
            int track = tracks.get(p.column()).trackId();
            Integer previous = lastTrack.put(gt, track);
            if (previous != null && previous != track) {
                switches++;
            }
        }
    }

    public int switches() {
        return switches;
    }

    /** Ground-truth objects matched to a track, summed over frames. */
    public int matches() {
        return matches;
    }

    /** Ground-truth objects seen, summed over frames. */
    public int truths() {
        return truths;
    }
}
