package io.sightline.perception.source;

import io.sightline.perception.scene.SceneReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A frame source named by one string, as configuration and command lines give it:
 * <ul>
 *   <li>{@code 0}, {@code /dev/video0}: a V4L2 camera through OpenCV (reconnects with backoff);</li>
 *   <li>{@code rtsp://...}, {@code http://...}: a stream through OpenCV, where its build has a backend (the
 *       JavaCPP build has none for RTSP: use {@code gst:rtspsrc location=... ! decodebin});</li>
 *   <li>{@code gst:<pipeline>}: a GStreamer source pipeline run by gst-launch-1.0 (reconnects with backoff);</li>
 *   <li>a scene folder (has scene.json): replay at the recorded fps ({@code live}) or as fast as possible;</li>
 *   <li>a video file ({@code .avi}, ...), an image file or a folder of images.</li>
 * </ul>
 *
 * @param spec    the string
 * @param width   frame width for GStreamer pipelines (their raw output size)
 * @param height  frame height for GStreamer pipelines
 * @param live    scene replay paced at its recorded fps (otherwise every frame as fast as possible)
 */
public record SourceSpec(String spec, int width, int height, boolean live) {
    public SourceSpec {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("frame source is empty: give a camera index or /dev/videoN, an rtsp:// URL, "
                + "gst:<pipeline>, a scene folder, a video file or an image folder");
        }
        spec = spec.strip();
    }

    /** A new, unopened source for this spec; live devices come wrapped in a {@link ReconnectingSource}. */
    public FrameSource create(String cameraId, Backoff backoff) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (spec.chars().allMatch(Character::isDigit) || spec.startsWith("/dev/")) {
            return new ReconnectingSource("camera " + spec, () -> new CameraSource(spec, cameraId), backoff);
        }
        if (lower.startsWith("gst:")) {
            String pipeline = spec.substring(4);
            return new ReconnectingSource("gstreamer '" + pipeline + "'", () -> new GStreamerSource(pipeline, width, height, cameraId), backoff);
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            return new ReconnectingSource("camera " + spec, () -> new CameraSource(spec, cameraId), backoff);
        }
        Path p = Path.of(spec);
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("scene.json"))) {
            return new SceneReplaySource(SceneReader.open(p), live ? ReplayPacing.RECORDED_FPS : ReplayPacing.AS_FAST_AS_POSSIBLE,
                false, cameraId, PaceClock.SYSTEM);
        }
        if (Files.isDirectory(p) || (Files.isRegularFile(p) && ImageFolderSource.isImage(p))) {
            return new ImageFolderSource(p, cameraId);
        }
        if (Files.isRegularFile(p)) {
            return new VideoFileSource(p, cameraId);
        }
        throw new IllegalArgumentException("frame source '" + spec + "': no such file or folder, and not a camera index, "
            + "/dev/ path, URL or gst: pipeline");
    }
}
