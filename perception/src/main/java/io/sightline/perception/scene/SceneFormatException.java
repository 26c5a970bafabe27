package io.sightline.perception.scene;

import java.nio.file.Path;

/**
 * A scene file that does not follow the scene format. Names the file, the 1-based line for
 * annotations.jsonl (0 for whole-file problems such as scene.json or a frame image) and what was wrong.
 */
public class SceneFormatException extends RuntimeException {
    private final transient Path file;
    private final int line;
    private final String reason;

    public SceneFormatException(Path file, int line, String message) {
        super(SceneProblem.location(file, line) + ": " + message);
        this.file = file;
        this.line = line;
        this.reason = message;
    }

    public SceneFormatException(SceneProblem problem) {
        this(problem.file(), problem.line(), problem.describe());
    }

    public Path file() {
        return file;
    }

    /** 1-based line in annotations.jsonl, 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The message without the file and line prefix. */
    public String reason() {
        return reason;
    }
}
