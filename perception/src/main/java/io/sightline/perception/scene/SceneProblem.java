package io.sightline.perception.scene;

import java.nio.file.Path;

/**
 * One thing wrong with a scene, in the style of a compiler message: {@code file:line: field: message}.
 *
 * @param file    the file concerned (scene.json, annotations.jsonl, a frame image, the scene folder)
 * @param line    1-based line for annotations.jsonl; 0 when the problem concerns the whole file
 * @param field   JSON path of the field ("objects[2].box"), or empty when no single field is meant
 * @param message what is wrong, with the offending value
 */
public record SceneProblem(Path file, int line, String field, String message) {
    public SceneProblem {
        field = field == null ? "" : field;
    }

    /** {@code field: message}, or just the message when no field is concerned. */
    public String describe() {
        return field.isEmpty() ? message : field + ": " + message;
    }

    @Override
    public String toString() {
        return location(file, line) + ": " + describe();
    }

    static String location(Path file, int line) {
        return line > 0 ? file + ":" + line : String.valueOf(file);
    }
}
