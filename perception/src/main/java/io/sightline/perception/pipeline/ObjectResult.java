package io.sightline.perception.pipeline;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.geometry.GroundProjector;
import io.sightline.perception.geometry.ObjectSize;
import io.sightline.perception.tracking.TrackState;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One detection of a frame with what the later stages added to it.
 *
 * @param detection  the detection (box in source pixels, class, score)
 * @param trackId    the tracker's id, when the detection reached a track
 * @param trackState the track's state, with {@code trackId}
 * @param position   ground-plane position in base_link (metres), when the box's ray meets the ground
 * @param size       estimated width and height in metres ({@link GroundProjector#size}), when the box's ray meets the ground
 */
public record ObjectResult(Detection detection, OptionalLong trackId, Optional<TrackState> trackState, Optional<Vec3> position,
                           Optional<ObjectSize> size) {
    public ObjectResult {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(trackState, "trackState");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(size, "size");
    }

    /** Without a size estimate. */
    public ObjectResult(Detection detection, OptionalLong trackId, Optional<TrackState> trackState, Optional<Vec3> position) {
        this(detection, trackId, trackState, position, Optional.empty());
    }

    public static ObjectResult untracked(Detection d) {
        return new ObjectResult(d, OptionalLong.empty(), Optional.empty(), Optional.empty());
    }
}
