package io.sightline.perception.language;

/** How each decoder step is computed. */
public enum DecodeMode {
    /** One new token per step against the key/value cache of the previous steps (the normal path). */
    KV_CACHE,
    /** The whole sequence again every step with an empty past: the baseline the KV cache is benchmarked against. */
    RECOMPUTE
}
