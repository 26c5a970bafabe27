package io.sightline.scenes.eval;

import java.nio.file.Path;

/** A results file that does not follow docs/results-format.md; the message names the file, line and field. */
public final class ResultsFormatException extends RuntimeException {
    public ResultsFormatException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
