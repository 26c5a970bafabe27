package io.sightline.perception.tracking;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import java.util.Objects;
import java.util.Optional;

/**
 * One track as of the latest frame.
 *
 * @param trackId   stable id, unique for the tracker's lifetime (1, 2, ...; never reused)
 * @param state     life-cycle state
 * @param detection the detection matched in the latest frame, or the last one matched while LOST
 * @param position  footprint centre in base_link (metres) of that detection, when it could be located
 * @param hits      frames in which the track was matched
 * @param misses    consecutive frames without a match (0 when matched in the latest frame)
 * @param age       frames since the track was created (0 in its first frame)
 */
public record TrackedObject(int trackId, TrackState state, Detection detection, Optional<Vec3> position,
                            int hits, int misses, int age) {
    public TrackedObject {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(position, "position");
    }

    /** CONFIRMED: what scene, relations, descriptions and grounding use (TENTATIVE, LOST and ENDED are not in view). */
    public boolean confirmed() {
        return state == TrackState.CONFIRMED;
    }

    /** "red cup". */
    public String label() {
        return detection.label();
    }

    public String shape() {
        return detection.shape();
    }

    public String colour() {
        return detection.colour();
    }
}
