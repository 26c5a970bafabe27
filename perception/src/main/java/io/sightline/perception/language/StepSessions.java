package io.sightline.perception.language;

import io.sightline.runtime.InferenceSession;

/**
 * Where {@link LanguageDecoder} gets the session for its cached single-token steps. The steps always run against
 * a cache of a fixed number of slots (see {@link LanguageDecoder#nextLogits}); the decoder asks again only when
 * that number changes (a prompt longer than the cache), so an implementation may open a session specialised for
 * the size ({@link FixedShapeStepSessions}).
 */
public interface StepSessions extends AutoCloseable {
    /**
     * The session for steps against a cache of {@code slots} slots: past tensors {@code [1, heads, slots, head_dim]},
     * attention mask {@code [1, slots + 1]}, one new token. Owned by this object; a later call may close it.
     */
    InferenceSession forSlots(int slots);

    @Override
    void close();

    /** One session with dynamic shapes for every cache size; closes it on {@link #close()}. */
    static StepSessions shared(InferenceSession session) {
        return new StepSessions() {
            @Override
            public InferenceSession forSlots(int slots) {
                return session;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}
