package io.sightline.runtime.select;

import io.sightline.runtime.InferenceException;

/** The configured backend cannot run on this machine; the message says why. */
public final class BackendUnavailableException extends InferenceException {
    public BackendUnavailableException(String message) {
        super(message);
    }
}
