package io.sightline.perception.tracking;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gives detections stable ids across frames (tracking by detection, as SORT, with a constant-velocity box
 * prediction: each track's last box moved by its smoothed box-centre velocity, {@link TrackerConfig#velocityWeight()}).
 *
 * <p>Per frame: a detection may continue a track only when shape and colour are equal, the IoU of the track's
 * predicted box and the detection's box reaches {@link TrackerConfig#iouThreshold()} or their centres are close
 * ({@link TrackerConfig#centreGate()}), and (when both are located
 * and the gate is on) their base_link positions are within {@link TrackerConfig#maxDistanceM()}; the
 * candidates are assigned one-to-one greedily by IoU ({@link Association}). Unmatched detections scoring at least
 * {@link TrackerConfig#birthMargin()} over the detector's threshold start TENTATIVE tracks; see {@link TrackState}
 * for the life cycle and {@link TrackEvent} for the events.
 *
 * <p>Not thread-safe: one tracker per stream, updated in frame order.
 */
public final class Tracker {
    /**
     * Unlocated tracks (no base_link position): an UPDATE when the box centre moved more than this fraction of the
     * box height since the previous event.
     */
    public static final double MOVE_BOX_FRACTION = 0.1;
    private static final long NO_TIME = Long.MIN_VALUE;

    private final TrackerConfig config;
    private final Function<Detection, Optional<Vec3>> locator;
    private final double birthScore;
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
        this(config, locator, 0);
    }

    /**
     * @param locator        as {@link #Tracker(TrackerConfig, Function)}
     * @param scoreThreshold the detector's score threshold (its operating point): new tracks need
     *                       {@link TrackerConfig#birthMargin()} over it
     */
    public Tracker(TrackerConfig config, Function<Detection, Optional<Vec3>> locator, double scoreThreshold) {
        this.config = Objects.requireNonNull(config, "config");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.birthScore = config.birthMargin() > 0 ? scoreThreshold + config.birthMargin() : 0;
    }

    public TrackerConfig config() {
        return config;
    }

    /**
     * Advances by one frame without a capture time: as {@link #update(long, long, List)} without the keep-alive.
     */
    public List<TrackedObject> update(long seq, List<Detection> detections) {
        return update(seq, NO_TIME, detections);
    }

    /**
     * Advances by one frame.
     *
     * @param seq          the frame's sequence number; must increase from call to call
     * @param captureNanos the frame's capture time ({@code Frame#captureNanos}), for the event keep-alive
     * @param detections   the frame's detections (boxes in source pixels)
     * @return every live track (TENTATIVE, CONFIRMED and LOST) and those ENDED by this frame (reported once), in id
     *         order; filter on {@link TrackedObject#confirmed()} for what is in view
     */
    public List<TrackedObject> update(long seq, long captureNanos, List<Detection> detections) {
        if (started && seq <= lastSeq) {
            throw new IllegalArgumentException("tracker: frame seq must increase, got " + seq + " after " + lastSeq);
        }
        started = true;
        lastSeq = seq;
        List<Optional<Vec3>> positions = detections.stream().map(locator).toList();
        List<Association.Pair> chosen = Association.greedy(candidates(detections, positions), tracks.size(), detections.size());

        List<TrackEvent> out = new ArrayList<>();
        List<TrackedObject> ended = new ArrayList<>();
        boolean[] matchedTrack = new boolean[tracks.size()];
        for (Association.Pair p : chosen) {
            matchedTrack[p.row()] = true;
            Track t = tracks.get(p.row());
            TrackState before = t.state;
            t.hit(detections.get(p.column()), positions.get(p.column()), config.minHits(), config.velocityWeight());
            if (before == TrackState.TENTATIVE && t.state == TrackState.CONFIRMED) {
                out.add(t.announce(TrackEvent.Kind.NEW, seq, captureNanos));
            } else if (t.state == TrackState.CONFIRMED) {
                changed(t, before, seq, captureNanos).ifPresent(out::add);
            }
        }
        Iterator<Track> it = tracks.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Track t = it.next();
            if (matchedTrack[i]) {
                continue;
            }
            TrackState before = t.state;
            t.miss();
            if (t.state == TrackState.TENTATIVE) {
                it.remove();
            } else if (t.misses > config.maxMisses()) {
                it.remove();
                t.state = TrackState.ENDED;
                TrackEvent end = t.announce(TrackEvent.Kind.END, seq, captureNanos);
                out.add(end);
                ended.add(end.track());
            } else {
                if (t.misses >= config.lostAfterMisses()) {
                    t.state = TrackState.LOST;
                }
                changed(t, before, seq, captureNanos).ifPresent(out::add);
            }
        }
        boolean[] freeDetection = Association.unmatched(chosen, detections.size(), false);
        for (int j = 0; j < detections.size(); j++) {
            if (freeDetection[j] && detections.get(j).score() >= birthScore) {
                Track t = new Track(nextId++, detections.get(j), positions.get(j), config.minHits());
                tracks.add(t);
                if (t.state == TrackState.CONFIRMED) {
                    out.add(t.announce(TrackEvent.Kind.NEW, seq, captureNanos));
                }
            }
        }
        events = List.copyOf(out);
        List<TrackedObject> reported = new ArrayList<>(tracks.size() + ended.size());
        tracks.forEach(t -> reported.add(t.snapshot()));
        reported.addAll(ended);
        reported.sort(Comparator.comparingInt(TrackedObject::trackId));
        return List.copyOf(reported);
    }

    /** The UPDATE event of a confirmed or lost track when something changed since its previous event (see {@link TrackEvent}). */
    private Optional<TrackEvent> changed(Track t, TrackState before, long seq, long captureNanos) {
        boolean keepAlive = config.eventKeepAliveS() > 0 && captureNanos != NO_TIME && t.announcedNanos != NO_TIME
            && captureNanos - t.announcedNanos >= (long) (config.eventKeepAliveS() * 1e9);
        if (t.state != before || t.state != t.announcedState || keepAlive || moved(t)) {
            return Optional.of(t.announce(TrackEvent.Kind.UPDATE, seq, captureNanos));
        }
        return Optional.empty();
    }

    /** Whether the track moved more than {@link TrackerConfig#eventMinMoveM()} since its previous event. */
    private boolean moved(Track t) {
        if (t.position.isPresent() && t.announcedPosition.isPresent()) {
            Vec3 p = t.position.get(), q = t.announcedPosition.get();
            double d = Math.hypot(p.x() - q.x(), p.y() - q.y());
            return config.eventMinMoveM() == 0 ? d > 0 : d > config.eventMinMoveM();
        }
        Box2D a = t.detection.box(), b = t.announcedBox;
        double d = Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY());
        return config.eventMinMoveM() == 0 ? d > 0 : d > MOVE_BOX_FRACTION * Math.max(a.height(), b.height());
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
                double iou = t.predicted().iou(d.box());
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
        Box2D a = t.predicted(), b = d.box();
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
        /** What the track's previous event said, for {@link Tracker#changed}. */
        TrackState announcedState;
        Optional<Vec3> announcedPosition = Optional.empty();
        Box2D announcedBox;
        long announcedNanos = NO_TIME;
        /** Box-centre velocity, pixels a frame ({@link TrackerConfig#velocityWeight()}; 0 when off). */
        double vx;
        double vy;

        Track(int id, Detection detection, Optional<Vec3> position, int minHits) {
            this.id = id;
            this.detection = detection;
            this.position = position;
            this.state = minHits <= 1 ? TrackState.CONFIRMED : TrackState.TENTATIVE;
        }

        void hit(Detection d, Optional<Vec3> p, int minHits, double velocityWeight) {
            if (velocityWeight > 0) {
                Box2D a = detection.box(), b = d.box();
                double vxNow = (b.centerX() - a.centerX()) / (misses + 1), vyNow = (b.centerY() - a.centerY()) / (misses + 1);
                double w = hits == 1 ? 1 : velocityWeight;
                vx += w * (vxNow - vx);
                vy += w * (vyNow - vy);
            }
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

        /** Where the box should be in the next frame: the last box moved by the velocity for each frame since. */
        Box2D predicted() {
            Box2D b = detection.box();
            if (vx == 0 && vy == 0) {
                return b;
            }
            double dx = vx * (misses + 1), dy = vy * (misses + 1);
            return new Box2D(b.xMin() + dx, b.yMin() + dy, b.xMax() + dx, b.yMax() + dy);
        }

        TrackEvent announce(TrackEvent.Kind kind, long seq, long captureNanos) {
            announcedState = state;
            announcedPosition = position;
            announcedBox = detection.box();
            announcedNanos = captureNanos;
            return new TrackEvent(kind, seq, snapshot());
        }

        TrackedObject snapshot() {
            return new TrackedObject(id, state, detection, position, hits, misses, age);
        }
    }
}
