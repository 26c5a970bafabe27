package io.sightline.cli;

/** A failure whose message is meant for the user as is, with the exit code the command documents. */
public class UserFacingException extends RuntimeException {
    private final int exitCode;

    public UserFacingException(String message) {
        this(message, 1);
    }

    public UserFacingException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
