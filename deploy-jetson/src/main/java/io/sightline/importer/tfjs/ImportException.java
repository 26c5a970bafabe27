package io.sightline.importer.tfjs;

/** A TF.js model that cannot be read or converted; the message names the file, op or node at fault. */
public final class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
