package io.sightline.perception.language;

/** Why generation ended. */
public enum StopReason {
    /** The model emitted {@code <eos>} (the answer is complete). */
    EOS,
    /** The token budget ran out first; the answer's boxes are those of its complete groups only. */
    MAX_TOKENS
}
