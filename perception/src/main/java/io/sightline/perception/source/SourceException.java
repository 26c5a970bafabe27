package io.sightline.perception.source;

/** A source could not be opened or stopped delivering frames; the message names the source and the cause. */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
