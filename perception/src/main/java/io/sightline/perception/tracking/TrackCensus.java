package io.sightline.perception.tracking;

import io.sightline.perception.scene.Box2D;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a tracker did over a recording, for {@code bench pipeline --tracks}: ids created, ids confirmed, events by
 * kind and per minute, and, where ground truth exists, phantom tracks: confirmed ids whose box in view never
 * matched a ground-truth box at IoU >= {@link IdSwitchCounter#MATCH_IOU}. Feed frames in order.
 */
public final class TrackCensus {
    private final Set<Integer> ids = new HashSet<>();
    private final Set<Integer> confirmed = new HashSet<>();
    private final Set<Integer> matched = new HashSet<>();
    private final Map<TrackEvent.Kind, Integer> events = new EnumMap<>(TrackEvent.Kind.class);
    private long frames;
    private boolean truthSeen = true;

    /**
     * @param tracks what {@link Tracker#update} returned for the frame
     * @param frameEvents {@link Tracker#events()} of that update
     * @param truth the frame's ground-truth boxes, empty when the recording has none
     */
    public void add(List<TrackedObject> tracks, List<TrackEvent> frameEvents, Optional<List<Box2D>> truth) {
        frames++;
        truthSeen &= truth.isPresent();
        for (TrackedObject t : tracks) {
            ids.add(t.trackId());
            if (t.confirmed()) {
                confirmed.add(t.trackId());
                if (t.misses() == 0 && truth.isPresent()
                    && truth.get().stream().anyMatch(b -> b.iou(t.detection().box()) >= IdSwitchCounter.MATCH_IOU)) {
                    matched.add(t.trackId());
                }
            }
        }
        frameEvents.forEach(e -> events.merge(e.kind(), 1, Integer::sum));
    }

    /** The figures over {@code seconds} of recording. */
    public Figures figures(double seconds) {
        Set<Integer> phantoms = new HashSet<>(confirmed);
        phantoms.removeAll(matched);
        double minutes = seconds / 60;
        int total = events.values().stream().mapToInt(Integer::intValue).sum();
        return new Figures(frames, seconds, ids.size(), confirmed.size(), Map.copyOf(events), total / minutes,
            truthSeen && frames > 0 ? OptionalDouble.of(phantoms.size() / minutes) : OptionalDouble.empty());
    }

    /**
     * @param idsCreated         distinct track ids (every TENTATIVE one included)
     * @param confirmedIds       distinct ids that were CONFIRMED at least once
     * @param events             events by kind
     * @param phantomsPerMinute  confirmed ids that never matched a ground-truth box, per minute; empty without truth
     */
    public record Figures(long frames, double seconds, int idsCreated, int confirmedIds, Map<TrackEvent.Kind, Integer> events,
                          double eventsPerMinute, OptionalDouble phantomsPerMinute) {
        public int events(TrackEvent.Kind kind) {
            return events.getOrDefault(kind, 0);
        }
    }
}
