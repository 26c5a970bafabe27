package io.sightline.perception.source;

import java.util.Objects;

/**
 * What a source is, for the status topic and logs: never credentials.
 *
 * @param uri    the source's URI with any {@code user:password@} removed ({@link SourceUris#redact})
 * @param width  frame width in pixels; 0 until known
 * @param height frame height in pixels; 0 until known
 * @param fps    the source's nominal frame rate (stream or file header, the pacing rate of folders); 0 = unknown
 * @param codec  the codec name ("h264", "mjpeg", "rawvideo"...); "" when not a coded stream
 */
public record SourceInfo(String uri, int width, int height, double fps, String codec) {
    public SourceInfo {
        Objects.requireNonNull(uri, "uri");
        codec = codec == null ? "" : codec;
    }

    /** Known by name only (before it opened, or a source without a header). */
    public static SourceInfo named(String uri) {
        return new SourceInfo(SourceUris.redact(uri), 0, 0, 0, "");
    }

    public SourceInfo withSize(int w, int h) {
        return new SourceInfo(uri, w, h, fps, codec);
    }

    /** "rtsp://cam/stream 640x480 30.0 fps h264" */
    public String describe() {
        return uri + (width > 0 ? " " + width + "x" + height : "") + (fps > 0 ? String.format(java.util.Locale.ROOT, " %.1f fps", fps) : "")
            + (codec.isEmpty() ? "" : " " + codec);
    }
}
