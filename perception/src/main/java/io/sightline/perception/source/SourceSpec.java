package io.sightline.perception.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A frame source named by one string, as configuration ({@code source.uri}) and command lines give it, parsed
 * here and nowhere else:
 * <ul>
 *   <li>{@code 0}, {@code /dev/video0}: a V4L2 camera through OpenCV ({@link Kind#DEVICE});</li>
 *   <li>{@code rtsp://...}, {@code http://...}: a stream ({@link Kind#STREAM}; the bundled OpenCV has no backend
 *       for RTSP: use {@code gst:rtspsrc location=... ! decodebin});</li>
 *   <li>{@code gst:<pipeline>}: a GStreamer source pipeline run by gst-launch-1.0 ({@link Kind#GSTREAMER});</li>
 *   <li>a scene folder (has scene.json, {@link Kind#SCENE});</li>
 *   <li>a folder of images without scene.json, or one image file ({@link Kind#IMAGES}; a folder with neither
 *       scene.json nor images is an error, not an empty source);</li>
 *   <li>a file that starts with the MCAP magic: a recording of {@code run --record} ({@link Kind#RECORDING});</li>
 *   <li>any other file: a video ({@link Kind#VIDEO_FILE}).</li>
 * </ul>
 * Relative paths are resolved against a base folder (the installation for configured URIs).
 * {@link FrameSources} turns a spec into a {@link FrameSource}.
 *
 * @param kind what the string names
 * @param uri  the string, stripped; for file kinds the resolved path
 */
public record SourceSpec(Kind kind, String uri) {
    public enum Kind {
        SCENE, IMAGES, VIDEO_FILE, DEVICE, STREAM, GSTREAMER,
        /** An MCAP recording of {@code sightline run --record}: its camera frames ({@link McapSource}). */
        RECORDING;

        /** A camera or stream that runs on its own clock and reconnects, rather than a recording. */
        public boolean live() {
            return this == DEVICE || this == STREAM || this == GSTREAMER;
        }
    }

    public SourceSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uri, "uri");
    }

    /** {@link #parse(String, Path)} with relative paths against the working directory. */
    public static SourceSpec parse(String uri) {
        return parse(uri, null);
    }

    /**
     * @param base folder that relative paths are resolved against; null = the working directory
     * @throws IllegalArgumentException for an empty string, or a path that names no file or folder
     */
    public static SourceSpec parse(String uri, Path base) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("frame source is empty: give a camera index or /dev/videoN, an rtsp:// URL, "
                + "gst:<pipeline>, a scene folder, a video file or an image folder");
        }
        String s = uri.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit) || s.startsWith("/dev/")) {
            return new SourceSpec(Kind.DEVICE, s);
        }
        if (lower.startsWith("gst:")) {
            return new SourceSpec(Kind.GSTREAMER, s);
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            return new SourceSpec(Kind.STREAM, s);
        }
        Path p = Path.of(s);
        if (!p.isAbsolute() && base != null) {
            p = base.resolve(p);
        }
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("scene.json"))) {
            return new SourceSpec(Kind.SCENE, p.toString());
        }
        if (Files.isDirectory(p)) {
            if (!ImageFolderSource.hasImages(p)) {
                throw new IllegalArgumentException("frame source '" + s + "': folder " + p + " has no scene.json and no images"
                    + " (.jpg, .jpeg, .png, .bmp): give a scene folder (scene.json, annotations.jsonl, frames/) or a folder of images");
            }
            return new SourceSpec(Kind.IMAGES, p.toString());
        }
        if (Files.isRegularFile(p) && ImageFolderSource.isImage(p)) {
            return new SourceSpec(Kind.IMAGES, p.toString());
        }
        if (Files.isRegularFile(p) && McapSource.isMcap(p)) {
            return new SourceSpec(Kind.RECORDING, p.toString());
        }
        if (Files.isRegularFile(p)) {
            return new SourceSpec(Kind.VIDEO_FILE, p.toString());
        }
        throw new IllegalArgumentException("frame source '" + s + "': no such scene folder, image folder or video file"
            + (p.toString().equals(s) ? "" : " (" + p + ")") + ", and not a camera (/dev/videoN, an index), a URL"
            + " (rtsp://...) or a gst: pipeline");
    }

    /** The file or folder of a recording kind. */
    public Path path() {
        if (kind.live()) {
            throw new IllegalStateException(kind + " source '" + uri + "' has no path");
        }
        return Path.of(uri);
    }

    /** The GStreamer source pipeline of a {@code gst:} spec, without the prefix. */
    public String gstPipeline() {
        if (kind != Kind.GSTREAMER) {
            throw new IllegalStateException("source '" + uri + "' is not a gst: pipeline");
        }
        return uri.substring(4).strip();
    }
}
