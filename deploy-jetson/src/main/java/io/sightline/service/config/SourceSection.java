package io.sightline.service.config;

import io.sightline.transport.config.ConfigException;

/**
 * The {@code source} section: where frames come from. {@code uri} is anything
 * {@link io.sightline.perception.source.SourceSpec} parses (a scene or image folder, a video file, {@code /dev/videoN},
 * an index, an rtsp:// URL, {@code gst:<pipeline>}); relative paths are under the installation. {@code fps} 0 = the
 * scene's recorded rate; {@code calibration} a ROS camera_info YAML (not used by run yet: give
 * {@code --camera-info}/{@code --extrinsics}).
 */
public record SourceSection(String uri, String cameraId, boolean loop, double fps, String calibration) {
    public SourceSection {
        if (cameraId == null || cameraId.isBlank() || cameraId.matches(".*[/+#\\s].*")) {
            throw new ConfigException("source.camera_id: '" + cameraId
                    + "' must be non-empty and contain no '/', '+', '#' or whitespace");
        }
        if (fps < 0) {
            throw new ConfigException("source.fps: " + fps + " must be >= 0 (0 = recorded rate)");
        }
    }
}
