package io.sightline.importer;

/** A package that cannot be imported (unverified, truncated, of another shape); nothing was written. */
public final class ImportFailure extends RuntimeException {
    public ImportFailure(String message) {
        super(message);
    }

    public ImportFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
