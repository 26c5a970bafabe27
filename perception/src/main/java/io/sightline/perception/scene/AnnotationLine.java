package io.sightline.perception.scene;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of decoding one annotations.jsonl line: the frame, or every problem that kept it from
 * being one (each with the file, the line number and the field).
 */
record AnnotationLine(int lineNumber, boolean terminated, FrameAnnotation frame, List<SceneProblem> problems) {
    AnnotationLine {
        problems = List.copyOf(problems);
    }

    boolean ok() {
        return frame != null;
    }

    static AnnotationLine decode(Path file, JsonLines.Line line) {
        int n = line.number();
        if (line.isBlank()) {
            return new AnnotationLine(n, line.terminated(), null,
                List.of(new SceneProblem(file, n, "", "empty line; every line must be one frame's JSON object")));
        }
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = SceneDecoder.parse(line.bytes());
        } catch (SceneDecoder.SyntaxErrorException e) {
            SceneDecoder.SyntaxError err = e.error();
            String message = line.terminated()
                ? "malformed JSON at column " + err.column() + ": " + err.message()
                : "truncated last line (no newline at the end, JSON ends at column " + err.column() + "): " + err.message();
            return new AnnotationLine(n, line.terminated(), null, List.of(new SceneProblem(file, n, "", message)));
        }
        JsonFields fields = new JsonFields();
        FrameAnnotation frame = SceneDecoder.frame(root, fields);
        List<SceneProblem> problems = fields.problems().stream()
            .map(p -> new SceneProblem(file, n, p.field(), p.message()))
            .toList();
        return new AnnotationLine(n, line.terminated(), frame, problems);
    }

    /** The first problem as an exception, mentioning how many more there are. */
    SceneFormatException toException() {
        SceneProblem first = problems.get(0);
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems on this line)" : "";
        return new SceneFormatException(first.file(), first.line(), first.describe() + more);
    }
}
