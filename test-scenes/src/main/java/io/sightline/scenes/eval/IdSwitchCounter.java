package io.sightline.scenes.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts identity switches the MOT way: per scene, each time a ground-truth object is matched to a
 * different track id than at its previous match. Frames must be added in order within a scene.
 */
public final class IdSwitchCounter {
    private final Map<String, Map<Integer, Long>> lastTrack = new HashMap<>();
    private int switches;
    private boolean sawTrackIds;

    public void add(FrameKey frame, List<ObjectMatching.Match> matches) {
        Map<Integer, Long> last = lastTrack.computeIfAbsent(frame.scene(), k -> new HashMap<>());
        for (ObjectMatching.Match m : matches) {
            if (m.predicted().trackId().isEmpty()) {
                continue;
            }
            sawTrackIds = true;
            long track = m.predicted().trackId().getAsLong();
            Long previous = last.put(m.object().id(), track);
            if (previous != null && previous != track) {
                switches++;
            }
        }
    }

    /** False when no matched detection carried a track id (tracking did not run). */
    public boolean measured() {
        return sawTrackIds;
    }

    public int switches() {
        return switches;
    }
}
