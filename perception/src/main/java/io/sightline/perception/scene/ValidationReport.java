package io.sightline.perception.scene;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SceneValidator} found in one scene folder.
 *
 * @param dir            the scene folder
 * @param linesRead      lines of annotations.jsonl read
 * @param imagesChecked  frame images opened (and decoded, unless decoding was turned off)
 * @param problems       every problem, in file order
 */
public record ValidationReport(Path dir, int linesRead, int imagesChecked, List<SceneProblem> problems) {
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
