package io.sightline.perception.language;

/** A decoded answer that does not follow its loc grammar; the message quotes the offending group. */
public final class LocParseException extends RuntimeException {
    public LocParseException(String message) {
        super(message);
    }
}
