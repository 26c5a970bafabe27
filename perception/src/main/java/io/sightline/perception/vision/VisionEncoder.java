package io.sightline.perception.vision;

import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.PackGraph;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.pack.PackTensor;
import io.sightline.perception.source.Frame;
import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Runs the pack's vision encoder on frames: {@code encode(frame)} preprocesses with OpenCV into a reused direct
 * input tensor (no per-frame allocation of the 3xHxW buffer), runs the graph on whatever backend opened the
 * session, and copies the outputs (image features, dense head) into an {@link ImageEncoding}.
 *
 * <p>Usage (the pipeline owns one per camera; not thread-safe):
 * <pre>{@code
 * try (VlmModel vlm = VlmModel.open(packDir, options)) {
 *     ImageEncoding enc = vlm.encoder().encode(frame);      // every frame
 *     List<Detection> dets = vlm.detections().decode(enc);  // boxes in source pixels
 * }
 * }</pre>
 * The encoder owns its session and preprocessor and closes them.
 */
public final class VisionEncoder implements AutoCloseable {
    private final InferenceSession session;
    private final ImagePreprocessor preprocessor;
    private final Tensor pixelValues;
    private final Map<String, Tensor> inputs;
    private final String featuresName;
    private final Optional<String> logitsName;
    private final Optional<String> boxesName;
    private final int tokens;
    private final int dim;

    /** Takes ownership of {@code session}. Tensor names come from the manifest, which the pack loader checked against the graph. */
    public VisionEncoder(InferenceSession session, PackManifest manifest) {
        this.session = session;
        this.preprocessor = new ImagePreprocessor(manifest.image());
        PackGraph graph = manifest.graph(PackManifest.VISION_ENCODER);
        PackTensor input = graph.inputs().get(0);
        this.pixelValues = Tensor.allocate(ElementType.FLOAT32, 1, 3, manifest.image().height(), manifest.image().width());
        this.inputs = Map.of(input.name(), pixelValues);
        this.featuresName = output(graph, "image_features").orElseGet(() -> graph.outputs().get(0).name());
        this.logitsName = manifest.denseHead().flatMap(h -> output(graph, "det_logits"));
        this.boxesName = manifest.denseHead().flatMap(h -> output(graph, "det_boxes"));
        if (manifest.denseHead().isPresent() && (logitsName.isEmpty() || boxesName.isEmpty())) {
            throw new PackException("manifest.json", "dense_head is described but graphs.vision_encoder.outputs lacks det_logits/det_boxes");
        }
        this.tokens = manifest.imageTokens();
        this.dim = manifest.decoder().hiddenSize();
    }

    private static Optional<String> output(PackGraph graph, String name) {
        return graph.outputs().stream().map(PackTensor::name).filter(name::equals).findFirst();
    }

    /** Encodes a frame; boxes come out in the frame's sensor pixels even when its image was decoded smaller. */
    public ImageEncoding encode(Frame frame) {
        return encode(frame.seq(), frame.image(), frame.width(), frame.height());
    }

    /** Encodes a BGR 8UC3 image (tests, one-off grounding of an image file). */
    public ImageEncoding encode(long seq, Mat bgr) {
        return encode(seq, bgr, bgr.cols(), bgr.rows());
    }

    /**
     * Encodes a BGR 8UC3 image that stands for a {@code width x height} camera image (the same image, or a
     * reduced decode of it): the encoder input is the pack's size either way; boxes are scaled to {@code width x
     * height}.
     */
    public ImageEncoding encode(long seq, Mat bgr, int width, int height) {
        long t0 = System.nanoTime();
        preprocessor.fill(bgr, pixelValues.floats());
        long t1 = System.nanoTime();
        Map<String, Tensor> out = session.run(inputs);
        float[] features = copy(out, featuresName);
        float[] logits = logitsName.map(n -> copy(out, n)).orElse(new float[0]);
        float[] boxes = boxesName.map(n -> copy(out, n)).orElse(new float[0]);
        long t2 = System.nanoTime();
        return new ImageEncoding(seq, width, height, features, tokens, dim, logits, boxes, t1 - t0, t2 - t1);
    }

    /** The pixel values of the last encoded frame (parity tests compare them with the training side). */
    public float[] lastPixelValues() {
        return pixelValues.toFloatArray();
    }

    private static float[] copy(Map<String, Tensor> out, String name) {
        Tensor t = out.get(name);
        if (t == null) {
            throw new IllegalStateException("encoder returned no output '" + name + "'; has " + out.keySet());
        }
        return t.toFloatArray();
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            preprocessor.close();
        }
    }
}
