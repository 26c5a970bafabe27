package io.sightline.transport.config;

/**
 * The {@code source} section, read by the perception pipeline: where frames come from. {@code uri} is a
 * scene folder, a video file, {@code /dev/videoN} or an rtsp:// URL; {@code fps} 0 = the scene's
 * recorded rate; {@code calibration} a ROS camera_info YAML (empty = the scene's own camera).
 */
public record SourceConfig(String uri, String cameraId, boolean loop, double fps, String calibration) {
    public SourceConfig {
        if (cameraId == null || cameraId.isBlank() || cameraId.matches(".*[/+#\\s].*")) {
            throw new ConfigException("source.camera_id: '" + cameraId
                    + "' must be non-empty and contain no '/', '+', '#' or whitespace");
        }
        if (fps < 0) {
            throw new ConfigException("source.fps: " + fps + " must be >= 0 (0 = recorded rate)");
        }
    }
}
