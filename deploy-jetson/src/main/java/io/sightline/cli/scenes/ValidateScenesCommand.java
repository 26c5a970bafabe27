package io.sightline.cli.scenes;

import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.scene.SceneProblem;
import io.sightline.perception.scene.SceneValidator;
import io.sightline.perception.scene.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sightline scenes validate DIR...}: every problem of each scene folder, compiler style. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Check scene folders against the scene format.",
    description = {
        "Check scene folders against the scene format (docs/scene-format.md).",
        "Prints every problem as 'file:line: field: message' (no line for scene.json",
        "and frame images), then a summary. A DIR without scene.json whose subfolders",
        "are scenes is expanded to those scenes.",
        "Exit codes: 0 every scene is clean, 1 problems were found, 2 usage error."})
public final class ValidateScenesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "scene folders (or folders of scene folders)")
    List<Path> dirs;

    @Option(names = "--no-decode",
        description = "only check that frame images exist and are complete (JPEG EOI / PNG IEND); skip decoding them with OpenCV")
    boolean noDecode;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SceneValidator validator = new SceneValidator(!noDecode);
        int scenes = 0;
        int dirty = 0;
        int problems = 0;
        int lines = 0;
        for (Path dir : expand(dirs)) {
            ValidationReport report = validator.validate(dir);
            scenes++;
            lines += report.linesRead();
            for (SceneProblem p : report.problems()) {
                out.println(p);
            }
            if (!report.clean()) {
                dirty++;
                problems += report.problems().size();
            }
        }
        out.printf("checked %d scene%s (%d annotation lines): %s%n", scenes, scenes == 1 ? "" : "s", lines,
            dirty == 0 ? "no problems" : problems + " problem" + (problems == 1 ? "" : "s") + " in " + dirty + " scene" + (dirty == 1 ? "" : "s"));
        out.flush();
        return dirty == 0 ? 0 : 1;
    }

    private static List<Path> expand(List<Path> dirs) {
        List<Path> scenes = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(SceneLayout.SCENE_JSON))) {
                List<Path> children = scenesIn(dir);
                if (!children.isEmpty()) {
                    scenes.addAll(children);
                    continue;
                }
            }
            scenes.add(dir);
        }
        return scenes;
    }

    private static List<Path> scenesIn(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(c -> Files.isRegularFile(c.resolve(SceneLayout.SCENE_JSON))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
