package io.sightline.service.config;

import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.transport.config.ConfigException;

/**
 * The {@code tracking} section: the tracker's association gates, life cycle and event rules ({@link TrackerConfig};
 * the defaults are {@link TrackerConfig#defaults()}, copied in service-defaults.yaml).
 *
 * @param iouThreshold      tracking.iou_threshold
 * @param minHits           tracking.min_hits: matched frames before a track is CONFIRMED (and announced NEW)
 * @param lostAfterMisses   tracking.lost_after_misses: consecutive misses that make a CONFIRMED track LOST
 * @param maxMisses         tracking.max_misses: consecutive misses after which a track ENDs
 * @param maxDistanceM      tracking.max_distance_m: base_link association gate, 0 = off
 * @param centreGate        tracking.centre_gate: centre-distance association, fraction of the box height, 0 = off
 * @param birthMargin       tracking.birth_margin: how much over the pack's operating point a detection must score to start a track, 0 = any
 * @param velocityWeight    tracking.velocity_weight: constant-velocity box prediction smoothing, 0 = off
 * @param eventMinMoveM     tracking.event_min_move_m: move in base_link that gives an UPDATE event
 * @param eventKeepAliveS   tracking.event_keep_alive_s: UPDATE after this long without an event, 0 = never
 */
public record TrackingSection(double iouThreshold, int minHits, int lostAfterMisses, int maxMisses, double maxDistanceM,
                              double centreGate, double birthMargin, double velocityWeight, double eventMinMoveM,
                              double eventKeepAliveS) {
    public TrackingSection {
        tracker(iouThreshold, minHits, lostAfterMisses, maxMisses, maxDistanceM, centreGate, birthMargin, velocityWeight,
            eventMinMoveM, eventKeepAliveS);
    }

    /** The tracker settings. */
    public TrackerConfig tracker() {
        return tracker(iouThreshold, minHits, lostAfterMisses, maxMisses, maxDistanceM, centreGate, birthMargin,
            velocityWeight, eventMinMoveM, eventKeepAliveS);
    }

    private static TrackerConfig tracker(double iouThreshold, int minHits, int lostAfterMisses, int maxMisses,
                                         double maxDistanceM, double centreGate, double birthMargin,
                                         double velocityWeight, double eventMinMoveM, double eventKeepAliveS) {
        try {
            return new TrackerConfig(iouThreshold, minHits, lostAfterMisses, maxMisses, maxDistanceM, centreGate,
                birthMargin, velocityWeight, eventMinMoveM, eventKeepAliveS);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tracking: " + e.getMessage());
        }
    }
}
