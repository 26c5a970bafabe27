package io.sightline.perception.source;

/** How a recording is played back. */
public enum ReplayPacing {
    /** Each frame is released at its recorded time after the start (live-like). */
    RECORDED_FPS,
    /** Every frame as soon as the consumer asks (offline evaluation). */
    AS_FAST_AS_POSSIBLE
}
