package io.sightline.calibration.camera;

import java.nio.file.Path;

/** A camera_info or extrinsics file that cannot be used; the message names the file and the field. */
public class CameraFileException extends RuntimeException {
    private final transient Path file;
    private final String field;

    public CameraFileException(Path file, String field, String problem) {
        super(file + ": " + (field == null ? "" : "field '" + field + "': ") + problem);
        this.file = file;
        this.field = field;
    }

    public CameraFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.field = null;
    }

    public Path file() {
        return file;
    }

    /** The offending field (dotted path such as {@code camera_matrix.data}), or null for whole-file problems. */
    public String field() {
        return field;
    }
}
