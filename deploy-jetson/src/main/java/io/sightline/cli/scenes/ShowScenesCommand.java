package io.sightline.cli.scenes;

import io.sightline.cli.UserFacingException;
import io.sightline.perception.scene.AnnotationPainter;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.FrameOutput;
import io.sightline.perception.scene.FrameRange;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneFormatException;
import io.sightline.perception.scene.SceneReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sightline scenes show DIR}: draws a scene's annotations onto its frames for a person to look at. */
@Command(name = "show", mixinStandardHelpOptions = true,
    header = "Draw a scene's annotations onto its frames for a person to check.",
    description = {
        "Draw a scene's annotations onto its frames so that a person can check them:",
        "boxes in the object's colour labelled '#id colour shape visibility%%' ('cut'",
        "when the border truncates it), and the referring expressions as numbered",
        "phrases at the top left with their targets framed in white.",
        "Writes PNGs into a folder, or a video when --out ends in .avi (Motion-JPEG,",
        "always available) or .mp4 (needs an OpenCV build with FFmpeg; the bundled",
        "one has none). Unreadable annotation lines and frame images are skipped with",
        "a warning on stderr and counted.",
        "Exit codes: 0 frames written, 1 nothing written or the scene cannot be",
        "opened, 2 usage error."})
public final class ShowScenesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "scene folder")
    Path dir;

    @Option(names = "--frames", paramLabel = "RANGE", defaultValue = "all", converter = FrameRangeConverter.class,
        description = "frames to draw: 7, 0-20 (inclusive), 100- or all (default: ${DEFAULT-VALUE})")
    FrameRange frames;

    @Option(names = "--out", paramLabel = "DIR|FILE.avi|FILE.mp4",
        description = "PNG folder or video file (default: <scene folder name>-show in the working directory)")
    Path out;

    @Option(names = "--expression", paramLabel = "N",
        description = "highlight only the N-th (0-based) referring expression of each frame (default: all of them)")
    Integer expression;

    static final class FrameRangeConverter implements CommandLine.ITypeConverter<FrameRange> {
        @Override
        public FrameRange convert(String value) {
            try {
                return FrameRange.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        if (expression != null && expression < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--expression must be 0 or more, got " + expression);
        }
        PrintWriter err = spec.commandLine().getErr();
        Scene scene;
        try {
            scene = SceneReader.open(dir);
        } catch (SceneFormatException e) {
            throw new UserFacingException(e.getMessage());
        }
        Path target = out != null ? out : Path.of(dir.toAbsolutePath().normalize().getFileName() + "-show");
        AnnotationPainter painter = new AnnotationPainter();
        OptionalInt only = expression == null ? OptionalInt.empty() : OptionalInt.of(expression);
        int[] skipped = {0};
        int written;
        try (FrameOutput output = FrameOutput.open(target, scene.info().fps(), scene.info().camera().width(), scene.info().camera().height());
             Stream<FrameAnnotation> annotations = scene.frames(bad -> {
                 skipped[0]++;
                 err.println("warning: skipped " + bad.getMessage());
             })) {
            Iterator<FrameAnnotation> it = annotations.iterator();
            while (it.hasNext()) {
                FrameAnnotation f = it.next();
                if (f.index() > frames.last()) {
                    break;
                }
                if (!frames.contains(f.index())) {
                    continue;
                }
                try (Mat image = scene.readImage(f.index())) {
                    painter.paint(image, f, only);
                    output.write(f.index(), image);
                } catch (SceneFormatException e) {
                    skipped[0]++;
                    err.println("warning: skipped " + e.getMessage());
                }
            }
            written = output.written();
        } catch (IllegalStateException e) {
            throw new UserFacingException(e.getMessage());
        }
        err.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        if (written == 0) {
            throw new UserFacingException("no frames written: none of the scene's " + scene.frameCount()
                + " frames is in range " + frames.first() + "-" + (frames.last() == Integer.MAX_VALUE ? "" : frames.last())
                + " and readable" + (skipped[0] > 0 ? " (" + skipped[0] + " skipped)" : ""));
        }
        stdout.printf("wrote %d frame%s to %s%s%n", written, written == 1 ? "" : "s", target,
            skipped[0] > 0 ? " (" + skipped[0] + " skipped, see warnings)" : "");
        stdout.flush();
        return 0;
    }
}
