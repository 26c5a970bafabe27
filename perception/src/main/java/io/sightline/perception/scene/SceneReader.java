package io.sightline.perception.scene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a scene folder. Only scene.json is read here; annotations.jsonl is streamed or indexed on
 * demand by {@link Scene}. A scene.json that does not follow the format throws
 * {@link SceneFormatException} naming its first problem ({@link SceneValidator} lists all of them).
 */
public final class SceneReader {
    private SceneReader() {}

    public static Scene open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SceneFormatException(dir, 0, "not a scene folder (no such directory)");
        }
        Path file = dir.resolve(SceneLayout.SCENE_JSON);
        JsonFields fields = new JsonFields();
        SceneInfo info = readInfo(file, fields);
        if (info == null) {
            JsonFields.FieldProblem first = fields.problems().get(0);
            int more = fields.problems().size() - 1;
            throw new SceneFormatException(new SceneProblem(file, 0, first.field(),
                first.message() + (more > 0 ? " (and " + more + " more problems; run 'sightline scenes validate')" : "")));
        }
        return new Scene(dir, info);
    }

    /**
     * Reads and decodes scene.json, recording problems in {@code fields}; a syntax error is recorded
     * with field "" and its line and column in the message. Null when anything was wrong.
     */
    static SceneInfo readInfo(Path file, JsonFields fields) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            fields.problem("", "missing");
            return null;
        } catch (IOException e) {
            fields.problem("", "unreadable: " + e);
            return null;
        }
        try {
            return SceneDecoder.info(SceneDecoder.parse(bytes), fields);
        } catch (SceneDecoder.SyntaxErrorException e) {
            SceneDecoder.SyntaxError err = e.error();
            fields.problem("", "malformed JSON at line " + err.line() + ", column " + err.column() + ": " + err.message());
            return null;
        }
    }
}
