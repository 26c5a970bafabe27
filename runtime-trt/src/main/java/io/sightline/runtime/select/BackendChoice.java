package io.sightline.runtime.select;

import io.sightline.runtime.InferenceBackend;

/** The backend in use and why it was chosen; both go to the log and to the status topic. */
public record BackendChoice(InferenceBackend backend, String reason) {
    @Override
    public String toString() {
        return backend.id() + " — " + reason;
    }
}
