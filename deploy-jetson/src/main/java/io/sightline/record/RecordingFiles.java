package io.sightline.record;

import java.nio.file.Path;

/** The files of one recording: the first as configured ("run.mcap"), then "run-0001.mcap", "run-0002.mcap"... */
final class RecordingFiles {
    private RecordingFiles() {
    }

    /** File {@code n} (0 = the first) of the recording that starts at {@code first}. */
    static Path nth(Path first, int n) {
        if (n == 0) {
            return first;
        }
        String name = first.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return first.resolveSibling(String.format("%s-%04d%s", stem, n, ext));
    }
}
