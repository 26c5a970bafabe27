package io.sightline.cli.scenes;

import io.sightline.cli.UserFacingException;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.scenes.export.ExportSize;
import io.sightline.scenes.export.TrainingExporter;
import io.sightline.scenes.generate.GenerationReport;
import io.sightline.scenes.generate.GenerationSettings;
import io.sightline.scenes.generate.SceneGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline scenes generate}: renders synthetic tabletop sequences and, optionally, a training export. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    header = "Render synthetic tabletop scenes with exact annotations and expressions.",
    description = {
        "Render synthetic tabletop scenes (a table seen by the robot camera, shaded objects, a slowly moving "
            + "robot, lighting changes, noise, blur, occlusion) with exact annotations and referring expressions.",
        "One sequence is written to DIR itself, several to DIR/seq-000, DIR/seq-001, ... "
            + "The same seed and generator version give identical files. Prints the generation speed."},
    footer = {"", "Example:", "  sightline scenes generate --seed 7 --frames 100 --out /tmp/scene \\",
        "      --export-size 256x192"})
public final class GenerateScenesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Root random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--frames", required = true, description = "Frames per sequence.")
    int frames;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must be empty or absent).")
    Path out;

    @Option(names = "--split", defaultValue = "train",
        description = "train, val, test or demo; train leaves out the held-out compositions and phrasings (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--sequences", defaultValue = "1", description = "Number of sequences (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--width", defaultValue = "640", description = "Image width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "480", description = "Image height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--min-objects", defaultValue = "3", description = "Fewest objects per sequence (default: ${DEFAULT-VALUE}).")
    int minObjects;

    @Option(names = "--max-objects", defaultValue = "8", description = "Most objects per sequence (default: ${DEFAULT-VALUE}).")
    int maxObjects;

    @Option(names = "--format", defaultValue = "jpg", description = "Frame format, jpg or png (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--jpeg-quality", defaultValue = "90", description = "JPEG quality 1..100 (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = "--fps", defaultValue = "10", description = "Frame rate of the sequences (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--export-size", paramLabel = "WxH",
        description = "Also write a training export at this model resolution to DIR/export (images + samples.jsonl).")
    String exportSize;

    @Override
    public Integer call() {
        GenerationSettings settings;
        ExportSize export;
        try {
            settings = new GenerationSettings(seed, frames, sequences, width, height, minObjects, maxObjects, split,
                format, jpegQuality, fps);
            export = exportSize == null ? null : ExportSize.parse(exportSize);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        refuseNonEmpty(out);
        SceneGenerator generator = new SceneGenerator(settings);
        GenerationReport report;
        TrainingExporter exporter = export == null ? null : new TrainingExporter(out.resolve("export"), export,
            generator.policy(), new GeneratorInfo(SceneGenerator.NAME, SceneGenerator.VERSION, seed));
        try {
            report = generator.generate(out, exporter);
        } finally {
            if (exporter != null) {
                exporter.close();
            }
        }
        var o = spec.commandLine().getOut();
        for (Path scene : report.scenes()) {
            o.println("wrote scene " + scene);
        }
        if (exporter != null) {
            o.println("wrote training export " + exporter.dir() + " (" + exporter.images() + " images at " + export + ")");
        }
        o.printf(Locale.ROOT, "generated %d frames in %.1f s (%.1f s of it camera ray map): %.1f frames/s at %dx%d "
                + "(generator %s %s, seed %d, split %s)%n",
            report.frames(), report.seconds(), report.setupSeconds(), report.framesPerSecond(), width, height,
            SceneGenerator.NAME, SceneGenerator.VERSION, seed, settings.split());
        return 0;
    }

    /** Scenes are never overwritten or mixed: fail before rendering anything (exit 1). */
    private static void refuseNonEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new UserFacingException("--out " + dir + " exists and is not a folder");
            }
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new UserFacingException("--out " + dir + " is not empty; choose a new folder (scenes are never overwritten)");
            }
        } catch (IOException e) {
            throw new UserFacingException("cannot read --out " + dir + ": " + e.getMessage());
        }
    }
}
