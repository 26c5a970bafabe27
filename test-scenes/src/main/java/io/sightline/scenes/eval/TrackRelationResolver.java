package io.sightline.scenes.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns relations between track ids into relations between ground-truth ids: in each frame a track is the
 * object its detection was matched to ({@link ObjectMatching}, IoU 0.5). A relation naming a track that
 * matched no object cannot be judged and is counted as unresolved.
 */
public final class TrackRelationResolver {
    private int unresolved;

    public List<RelationPrediction> resolve(List<GroundTruthFrame> truth, List<FramePrediction> frames,
                                            List<TrackRelation> relations, LabelMode mode) {
        Map<FrameKey, GroundTruthFrame> byKey = new HashMap<>();
        truth.forEach(t -> byKey.put(t.key(), t));
        Map<FrameKey, Map<Long, Integer>> objectOfTrack = new HashMap<>();
        for (FramePrediction p : frames) {
            FrameKey key = new FrameKey(p.scene(), p.frameIndex());
            GroundTruthFrame t = byKey.get(key);
            if (t == null) {
                continue;
            }
            Map<Long, Integer> m = new HashMap<>();
            for (ObjectMatching.Match match : ObjectMatching.match(t.annotation(), p.boxes(), mode)) {
                match.predicted().trackId().ifPresent(track -> m.put(track, match.object().id()));
            }
            objectOfTrack.put(key, m);
        }
        List<RelationPrediction> out = new ArrayList<>();
        for (TrackRelation r : relations) {
            Map<Long, Integer> m = objectOfTrack.getOrDefault(new FrameKey(r.scene(), r.frameIndex()), Map.of());
            Integer subject = m.get(r.subjectTrack());
            Integer object = m.get(r.objectTrack());
            if (subject == null || object == null) {
                unresolved++;
                continue;
            }
            out.add(new RelationPrediction(r.scene(), r.frameIndex(), subject, r.predicate(), object));
        }
        return out;
    }

    /** Relations seen so far whose tracks did not both match a ground-truth object. */
    public int unresolved() {
        return unresolved;
    }
}
