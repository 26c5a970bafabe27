package io.sightline.cli.detect;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sightline.cli.UserFacingException;
import io.sightline.cli.replay.ModelOptions;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.detect.DetectionConfig;
import io.sightline.perception.detect.DetectionDecoder;
import io.sightline.perception.pack.HeadSpec;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.pipeline.ResultPainter;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.scene.SceneFormatException;
import io.sightline.perception.source.ImageFolderSource;
import io.sightline.perception.vlm.VlmModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sightline detect --pack DIR IMAGE_OR_DIR... [--json FILE] [--annotate DIR]}: the pack's detector on image
 * files, one JSON line per image, boxes in source pixels, at the pack's operating point.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
    header = "Run the pack's detector on images and print one JSON line per image.",
    description = {"Runs the model pack's detector on images (files, or folders of .jpg/.jpeg/.png/.bmp in name order)",
        "and prints one JSON line per image: {\"image\": PATH, \"detections\": [{\"label\", \"score\", \"box\":",
        "[x1, y1, x2, y2]}]}, boxes in the image's pixels, best first, at the pack's operating point (head",
        "publish_threshold if the pack sets one, else its score threshold). A file that is not a decodable image is",
        "named on stderr, skipped and counted; the others go on.",
        "Exit codes: 0 every image detected, 1 runtime error (pack refused, output not writable),",
        "2 usage error (no such file or folder, no images), 3 some inputs were not images (skipped)."})
public final class DetectCommand implements Callable<Integer> {
    static final int SKIPPED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Parameters(arity = "1..*", paramLabel = "IMAGE_OR_DIR", description = "image files or folders of images")
    List<Path> inputs;

    @Option(names = "--json", paramLabel = "FILE", description = "write the JSON lines to FILE instead of stdout")
    Path json;

    @Option(names = "--annotate", paramLabel = "DIR", description = "write each image with its boxes and labels as DIR/NAME.png")
    Path annotate;

    @Override
    public Integer call() {
        List<Path> images = images(inputs);
        PrintWriter err = spec.commandLine().getErr();
        if (annotate != null) {
            try {
                Files.createDirectories(annotate);
            } catch (IOException e) {
                throw new UserFacingException("--annotate " + annotate + ": cannot create the folder: " + e.getMessage());
            }
        }
        int skipped = 0;
        int detected = 0;
        try (VlmModel vlm = model.open(); OutputStream sink = sink(); JsonGenerator g = new JsonFactory().setRootValueSeparator(null)
            .createGenerator(sink, JsonEncoding.UTF8)) {
            HeadSpec head = vlm.pack().manifest().head().orElseThrow(() -> new UserFacingException("model pack "
                + vlm.pack().dir() + " has no detection head (manifest.json head or dense_head)"));
            DetectionDecoder decoder = DetectionDecoder.forPack(vlm.pack().manifest(),
                Optional.of(DetectionConfig.operatingPoint(head))).orElseThrow();
            err.printf(Locale.ROOT, "%s: %d image(s), %s head, score >= %.3f%n", vlm.describe(), images.size(),
                head.kind().key(), decoder.config().scoreThreshold());
            err.flush();
            ResultPainter painter = new ResultPainter();
            long seq = 0;
            for (Path image : images) {
                Mat bgr;
                try {
                    bgr = FrameImages.read(image);
                } catch (SceneFormatException e) {
                    skipped++;
                    err.println("skipped " + image + ": not an image (" + e.getMessage() + ")");
                    err.flush();
                    continue;
                }
                try (bgr) {
                    List<Detection> dets = decoder.decode(vlm.encoder().encode(seq++, bgr));
                    write(g, image, dets);
                    if (annotate != null) {
                        painter.paint(bgr, dets);
                        Path out = annotate.resolve(baseName(image) + ".png");
                        if (!opencv_imgcodecs.imwrite(out.toString(), bgr)) {
                            throw new UserFacingException("--annotate: OpenCV could not write " + out);
                        }
                    }
                    detected++;
                }
            }
        } catch (PackException e) {
            throw new UserFacingException("pack refused: " + e.getMessage());
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + (json != null ? json : "stdout") + ": " + e.getMessage());
        }
        err.printf(Locale.ROOT, "%d image(s) detected, %d skipped (not images)%n", detected, skipped);
        err.flush();
        return skipped > 0 ? SKIPPED : 0;
    }

    private OutputStream sink() throws IOException {
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newOutputStream(json);
        }
        return new OutputStream() {  // the command line's out, not closed with the generator
            private final PrintWriter out = spec.commandLine().getOut();

            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }

    private static void write(JsonGenerator g, Path image, List<Detection> dets) throws IOException {
        g.writeStartObject();
        g.writeStringField("image", image.toString());
        g.writeArrayFieldStart("detections");
        for (Detection d : dets) {
            g.writeStartObject();
            g.writeStringField("label", d.label());
            g.writeNumberField("score", round(d.score(), 4));
            g.writeArrayFieldStart("box");
            for (double v : new double[]{d.box().xMin(), d.box().yMin(), d.box().xMax(), d.box().yMax()}) {
                g.writeNumber(round(v, 1));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Files as given; folders expanded to their images in name order. */
    static List<Path> images(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    out.addAll(s.filter(Files::isRegularFile).filter(ImageFolderSource::isImage).sorted().toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                throw new UserFacingException(p + ": no such file or folder", 2);
            }
        }
        if (out.isEmpty()) {
            throw new UserFacingException("no images in " + inputs + " (.jpg, .jpeg, .png, .bmp)", 2);
        }
        return out;
    }

    private static String baseName(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
