package io.sightline.perception.source;

/** Life cycle of a {@link FrameSource}, reported in status messages (ARCHITECTURE.md section 9). */
public enum SourceState {
    /** Created or opening; no frame yet. */
    CONNECTING,
    /** Delivering frames. */
    STREAMING,
    /** Lost (or never reached) the device; waiting to try again. */
    RECONNECTING,
    /** Running but impaired (device missing, frames failing); the reason says why. */
    DEGRADED,
    /** A finite source (file, folder, scene) delivered its last frame. */
    ENDED,
    /** Gave up: no more attempts. */
    FAILED,
    /** Closed by its owner while running (ENDED and FAILED stay as they are when the source is then closed). */
    CLOSED
}
