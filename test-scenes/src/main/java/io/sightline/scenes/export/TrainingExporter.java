package io.sightline.scenes.export;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.generate.FrameEncoder;
import io.sightline.scenes.generate.SceneGenerator;
import io.sightline.scenes.split.SplitPolicy;
import io.sightline.scenes.world.Colour;
import io.sightline.scenes.world.Shape;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Writes the training export (docs/training-export.md): every generated frame resized to the model
 * resolution with OpenCV INTER_AREA as {@code images/NNNNNN.png}, one line per image in
 * {@code samples.jsonl} (boxes normalised to 0..1, positions in base_link metres, held-out flags from the
 * {@link SplitPolicy}), and {@code export.json} with the label lists and counts on {@link #close()}.
 * Nothing is created until the first frame arrives.
 */
public final class TrainingExporter implements SceneGenerator.FrameListener, AutoCloseable {
    public static final String FORMAT = "sightline-training-export";
    public static final int FORMAT_VERSION = 1;

    private final Path dir;
    private final ExportSize size;
    private final SplitPolicy policy;
    private final GeneratorInfo generator;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    private BufferedWriter samples;
    private int images;
    private final Set<String> scenes = new TreeSet<>();
    private int objects;
    private int expressions;
    private int sourceWidth;
    private int sourceHeight;
    private boolean closed;

    public TrainingExporter(Path dir, ExportSize size, SplitPolicy policy, GeneratorInfo generator) {
        this.dir = dir;
        this.size = size;
        this.policy = policy;
        this.generator = generator;
    }

    /** Opened on the first frame, so that the export can live inside a scene folder the generator creates first. */
    private void open() {
        if (samples != null) {
            return;
        }
        try {
            Files.createDirectories(dir.resolve("images"));
            samples = Files.newBufferedWriter(dir.resolve("samples.jsonl"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create training export folder " + dir, e);
        }
    }

    @Override
    public void frame(String sceneName, Mat image, FrameAnnotation annotation) {
        open();
        scenes.add(sceneName);
        sourceWidth = image.cols();
        sourceHeight = image.rows();
        String file = String.format(Locale.ROOT, "images/%06d.png", images);
        try (Mat small = new Mat(); Size target = new Size(size.width(), size.height())) {
            resize(image, small, target, 0, 0, INTER_AREA);
            Files.write(dir.resolve(file), FrameEncoder.encode(small, "png", 0));
            samples.write(json.writeValueAsString(sample(file, sceneName, annotation)));
            samples.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training sample " + dir.resolve(file), e);
        }
        images++;
    }

    private ObjectNode sample(String file, String sceneName, FrameAnnotation a) {
        ObjectNode line = json.createObjectNode();
        line.put("image", file);
        line.put("width", size.width());
        line.put("height", size.height());
        line.put("scene", sceneName);
        line.put("frame", a.index());
        ArrayNode objs = line.putArray("objects");
        for (ObjectAnnotation o : a.objects()) {
            ObjectNode n = objs.addObject();
            n.put("id", o.id());
            n.put("shape", o.shape());
            n.put("colour", o.colour());
            Box2D b = o.box();
            ArrayNode box = n.putArray("box");
            box.add(round(b.xMin() / sourceWidth, 6)).add(round(b.yMin() / sourceHeight, 6))
                .add(round(b.xMax() / sourceWidth, 6)).add(round(b.yMax() / sourceHeight, 6));
            n.putArray("position").add(round(o.position().x(), 5)).add(round(o.position().y(), 5))
                .add(round(o.position().z(), 5));
            n.put("visibility", round(o.visibility(), 4));
            n.put("truncated", o.truncated());
            n.put("held_out", policy.isHeldOutComposition(o.shape(), o.colour()));
            objects++;
        }
        ArrayNode exprs = line.putArray("expressions");
        for (ExpressionAnnotation e : a.expressions()) {
            ObjectNode n = exprs.addObject();
            n.put("text", e.text());
            n.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            if (e.targetId() == null) {
                n.putNull("target");
            } else {
                n.put("target", e.targetId().intValue());
            }
            n.put("held_out", e.heldOut());
            expressions++;
        }
        return line;
    }

    private static double round(double v, int digits) {
        double scale = StrictMath.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    public int images() {
        return images;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (samples == null) {
            // No frame arrived (the generation failed before its first frame): leave nothing behind.
            return;
        }
        try {
            samples.close();
            ObjectNode info = json.createObjectNode();
            info.put("format", FORMAT);
            info.put("format_version", FORMAT_VERSION);
            info.put("image_width", size.width());
            info.put("image_height", size.height());
            info.put("source_width", sourceWidth);
            info.put("source_height", sourceHeight);
            info.put("resize", "opencv INTER_AREA");
            info.put("split", policy.split());
            ArrayNode shapes = info.putArray("shapes");
            Arrays.stream(Shape.values()).map(Shape::label).forEach(shapes::add);
            ArrayNode colours = info.putArray("colours");
            Arrays.stream(Colour.values()).map(Colour::label).forEach(colours::add);
            ArrayNode heldComp = info.putArray("held_out_compositions");
            policy.heldOutCompositions().forEach(heldComp::add);
            ArrayNode heldPhr = info.putArray("held_out_phrasings");
            policy.heldOutPhrasings().forEach(heldPhr::add);
            ObjectNode counts = info.putObject("counts");
            counts.put("scenes", scenes.size());
            counts.put("images", images);
            counts.put("objects", objects);
            counts.put("expressions", expressions);
            ObjectNode gen = info.putObject("generator");
            gen.put("name", generator.name());
            gen.put("version", generator.version());
            gen.put("seed", generator.seed());
            Files.writeString(dir.resolve("export.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(info) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish training export " + dir, e);
        }
    }
}
