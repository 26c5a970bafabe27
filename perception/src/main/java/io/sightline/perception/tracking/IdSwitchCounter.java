package io.sightline.perception.tracking;

import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts identity switches the CLEAR-MOT way (Bernardin and Stiefelhagen 2008): a switch is a ground-truth object
 * matched to a different track id than at its previous match. One counter per sequence; feed frames in order.
 *
 * <p>How a frame's objects are matched to tracks is the caller's: {@link #add} matches them one-to-one at IoU
 * >= {@link #MATCH_IOU}, greedily by IoU; evaluation matches its own way (COCO, by label and score) and reports
 * each pair through {@link #match}.
 */
public final class IdSwitchCounter {
    /** The usual MOT match threshold on box IoU. */
    public static final double MATCH_IOU = 0.5;

    private final Map<Integer, Long> lastTrack = new HashMap<>();
    private int switches;
    private int matches;
    private int truths;

    /**
     * Adds one frame, matching its objects to the tracks by IoU.
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
            match(truth.get(p.row()).id(), tracks.get(p.column()).trackId());
        }
    }

    /**
     * Records that ground-truth object {@code truthId} was matched to track {@code trackId} in the current frame;
     * counts a switch when the object's previous match was another track.
     */
    public void match(int truthId, long trackId) {
        matches++;
        Long previous = lastTrack.put(truthId, trackId);
        if (previous != null && previous != trackId) {
            switches++;
        }
    }

    public int switches() {
        return switches;
    }

    /** Ground-truth objects matched to a track, summed over frames. */
    public int matches() {
        return matches;
    }

    /** Ground-truth objects seen by {@link #add}, summed over frames. */
    public int truths() {
        return truths;
    }
}
