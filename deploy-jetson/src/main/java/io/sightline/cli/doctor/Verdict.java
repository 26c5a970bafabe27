package io.sightline.cli.doctor;

/** How one check of {@code sightline doctor} came out; only {@link #FAIL} stops the service from running as configured. */
public enum Verdict {
    OK,
    /** The service runs, but worse than it could (CPU fallback on a GPU machine, default camera geometry, little disk). */
    WARN,
    /** The service cannot run as configured. */
    FAIL,
    /** Not applicable to this configuration. */
    SKIP
}
