package io.sightline.perception.tracking;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gives detections stable ids across frames (tracking by detection, as SORT, without a motion model: the
 * robot and the objects move a few pixels per frame, so the last box is the best prediction).
 *
 * <p>Per frame: a detection may continue a track only when shape and colour are equal, the IoU of the track's
 * last box and the detection's box reaches {@link TrackerConfig#iouThreshold()} or their centres are close
 * ({@link TrackerConfig#centreGate()}), and (when both are located
 * and the gate is on) their base_link positions are within {@link TrackerConfig#maxDistanceM()}; the
 * candidates are assigned one-to-one greedily by IoU ({@link Association}). Unmatched detections start
 * TENTATIVE tracks; see {@link TrackState} for the life cycle and {@link TrackEvent} for the events.
 *
 * <p>Not thread-safe: one tracker per stream, updated in frame order.
 */
public final class Tracker {
    private final TrackerConfig config;
    private final Function<Detection, Optional<Vec3>> locator;
    private final List<Track> tracks = new ArrayList<>();
    private List<TrackEvent> events = List.of();
    private int nextId = 1;
    private long lastSeq = Long.MIN_VALUE;
    private boolean started;

    /** A tracker without positions: no distance gate, every {@link TrackedObject#position()} empty. */
    public Tracker(TrackerConfig config) {
        this(config, d -> Optional.empty());
    }

    /**
     * @param locator base_link footprint position of a detection (e.g. {@code GroundProjector::position}),
     *                empty when it cannot be located
     */
    public Tracker(TrackerConfig config, Function<Detection, Optional<Vec3>> locator) {
        this.config = Objects.requireNonNull(config, "config");
        this.locator = Objects.requireNonNull(locator, "locator");
    }

    public TrackerConfig config() {
        return config;
    }

    /**
     * Advances by one frame.
     *
     * @param seq        the frame's sequence number; must increase from call to call
     * @param detections the frame's detections (boxes in source pixels)
     * @return every live track (TENTATIVE, CONFIRMED and LOST) in id order; filter on
     *         {@link TrackedObject#state()} for what to report
     */
    public List<TrackedObject> update(long seq, List<Detection> detections) {
        if (started && seq <= lastSeq) {
            throw new IllegalArgumentException("tracker: frame seq must increase, got " + seq + " after " + lastSeq);
        }
        started = true;
        lastSeq = seq;
        List<Optional<Vec3>> positions = detections.stream().map(locator).toList();
        List<Association.Pair> chosen = Association.greedy(candidates(detections, positions), tracks.size(), detections.size());

        List<TrackEvent> out = new ArrayList<>();
        boolean[] matchedTrack = new boolean[tracks.size()];
        for (Association.Pair p : chosen) {
            matchedTrack[p.row()] = true;
            Track t = tracks.get(p.row());
            boolean wasConfirmed = t.state != TrackState.TENTATIVE;
            t.hit(detections.get(p.column()), positions.get(p.column()), config.minHits());
            if (t.state == TrackState.CONFIRMED) {
                out.add(new TrackEvent(wasConfirmed ? TrackEvent.Kind.UPDATE : TrackEvent.Kind.NEW, seq, t.snapshot()));
            }
        }
        Iterator<Track> it = tracks.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Track t = it.next();
            if (matchedTrack[i]) {
                continue;
            }
            t.miss();
            if (t.state == TrackState.TENTATIVE) {
                it.remove();
            } else if (t.misses > config.maxMisses()) {
                it.remove();
                out.add(new TrackEvent(TrackEvent.Kind.END, seq, t.snapshot()));
            } else {
                t.state = TrackState.LOST;
                out.add(new TrackEvent(TrackEvent.Kind.UPDATE, seq, t.snapshot()));
            }
        }
        boolean[] freeDetection = Association.unmatched(chosen, detections.size(), false);
        for (int j = 0; j < detections.size(); j++) {
            if (freeDetection[j]) {
                Track t = new Track(nextId++, detections.get(j), positions.get(j), config.minHits());
                tracks.add(t);
                if (t.state == TrackState.CONFIRMED) {
                    out.add(new TrackEvent(TrackEvent.Kind.NEW, seq, t.snapshot()));
                }
            }
        }
        events = List.copyOf(out);
        return tracks.stream().map(Track::snapshot).toList();
    }

    /** The events of the latest {@link #update}. */
    public List<TrackEvent> events() {
        return events;
    }

    private List<Association.Pair> candidates(List<Detection> detections, List<Optional<Vec3>> positions) {
        List<Association.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            for (int j = 0; j < detections.size(); j++) {
                Detection d = detections.get(j);
                if (!sameLabel(t.detection, d)) {
                    continue;
                }
                double iou = t.detection.box().iou(d.box());
                boolean overlaps = iou >= config.iouThreshold();
                if (!(overlaps || nearCentre(t, d)) || !withinGate(t.position, positions.get(j))) {
                    continue;
                }
                // IoU pairs first (score >= 1), then centre pairs by closeness
                pairs.add(new Association.Pair(i, j, overlaps ? 1 + iou : iou));
            }
        }
        return pairs;
    }

    /** The centre gate ({@link TrackerConfig#centreGate()}): close centres, similar heights. */
    private boolean nearCentre(Track t, Detection d) {
        if (config.centreGate() == 0) {
            return false;
        }
        Box2D a = t.detection.box(), b = d.box();
        double ha = a.height(), hb = b.height();
        if (!(ha > 0 && hb > 0) || Math.max(ha, hb) > 1.5 * Math.min(ha, hb)) {
            return false;
        }
        return Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY()) <= config.centreGate() * Math.max(ha, hb) * (1 + 0.5 * t.misses);
    }

    private boolean withinGate(Optional<Vec3> a, Optional<Vec3> b) {
        if (config.maxDistanceM() == 0 || a.isEmpty() || b.isEmpty()) {
            return true;
        }
        Vec3 p = a.get(), q = b.get();
        return Math.hypot(p.x() - q.x(), p.y() - q.y()) <= config.maxDistanceM();
    }

    static boolean sameLabel(Detection a, Detection b) {
        return a.shape().toLowerCase(Locale.ROOT).equals(b.shape().toLowerCase(Locale.ROOT))
            && a.colour().toLowerCase(Locale.ROOT).equals(b.colour().toLowerCase(Locale.ROOT));
    }

    /** Mutable state of one track; only {@link #snapshot()} leaves the tracker. */
    private static final class Track {
        final int id;
        TrackState state;
        Detection detection;
        Optional<Vec3> position;
        int hits = 1;
        int misses;
        int age;

        Track(int id, Detection detection, Optional<Vec3> position, int minHits) {
            this.id = id;
            this.detection = detection;
            this.position = position;
            this.state = minHits <= 1 ? TrackState.CONFIRMED : TrackState.TENTATIVE;
        }

        void hit(Detection d, Optional<Vec3> p, int minHits) {
            detection = d;
            position = p;
            hits++;
            misses = 0;
            age++;
            if (state == TrackState.LOST || hits >= minHits) {
                state = TrackState.CONFIRMED;
            }
        }

        void miss() {
            misses++;
            age++;
        }

        TrackedObject snapshot() {
            return new TrackedObject(id, state, detection, position, hits, misses, age);
        }
    }
}
