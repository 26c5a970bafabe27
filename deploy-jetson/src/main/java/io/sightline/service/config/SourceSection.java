package io.sightline.service.config;

import io.sightline.perception.source.ReplayPacing;
import io.sightline.perception.source.StreamOptions;
import io.sightline.transport.config.ConfigException;

/**
 * The {@code source} section: where frames come from. {@code uri} is anything
 * {@link io.sightline.perception.source.SourceSpec} parses (a scene or image folder, a video file, {@code /dev/videoN},
 * an index, an rtsp:// URL, {@code gst:<pipeline>}); relative paths are under the installation. {@code fps}: image
 * folders at this rate, video files at it instead of their own (0 = their own; image folders 10); {@code pacing}
 * false = recordings as fast as they decode; {@code rtspTransport} tcp or udp; {@code cameraInfo} a ROS camera_info
 * YAML and {@code extrinsics} the camera-to-base_link YAML of a live camera, both or neither ("" = none; scenes use
 * their own camera); {@code calibration} is the former name of {@code cameraInfo}, still read.
 */
public record SourceSection(String uri, String cameraId, boolean loop, double fps, boolean pacing, String rtspTransport,
                            String calibration, String cameraInfo, String extrinsics) {
    public SourceSection {
        calibration = calibration == null ? "" : calibration.strip();
        cameraInfo = cameraInfo == null || cameraInfo.isBlank() ? calibration : cameraInfo.strip();
        extrinsics = extrinsics == null ? "" : extrinsics.strip();
        if (cameraInfo.isEmpty() != extrinsics.isEmpty()) {
            throw new ConfigException("source.camera_info (--camera-info) and source.extrinsics (--extrinsics) go"
                + " together: got only " + (cameraInfo.isEmpty() ? "extrinsics " + extrinsics : "camera_info " + cameraInfo));
        }
        if (!"tcp".equals(rtspTransport) && !"udp".equals(rtspTransport)) {
            throw new ConfigException("source.rtsp_transport: '" + rtspTransport + "' must be tcp or udp");
        }
        if (cameraId == null || cameraId.isBlank() || cameraId.matches(".*[/+#\\s].*")) {
            throw new ConfigException("source.camera_id: '" + cameraId
                    + "' must be non-empty and contain no '/', '+', '#' or whitespace");
        }
        if (fps < 0) {
            throw new ConfigException("source.fps: " + fps + " must be >= 0 (0 = recorded rate)");
        }
    }

    /** The calibration files of a live camera, when configured. */
    public java.util.Optional<Calibration> calibrationFiles() {
        return cameraInfo.isEmpty() ? java.util.Optional.empty()
            : java.util.Optional.of(new Calibration(cameraInfo, extrinsics));
    }

    /** A ROS camera_info YAML and an extrinsics YAML, as configured (relative = under the installation). */
    public record Calibration(String cameraInfo, String extrinsics) {
    }

    /** How FFmpeg opens rtsp:// streams. */
    public StreamOptions streamOptions() {
        return StreamOptions.defaults().withTransport("udp".equals(rtspTransport)
            ? StreamOptions.RtspTransport.UDP : StreamOptions.RtspTransport.TCP);
    }

    /** Recordings at their own rate, or as fast as they decode. */
    public ReplayPacing replayPacing() {
        return pacing ? ReplayPacing.RECORDED_FPS : ReplayPacing.AS_FAST_AS_POSSIBLE;
    }
}
