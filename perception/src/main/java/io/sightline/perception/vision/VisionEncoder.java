package io.sightline.perception.vision;

import io.sightline.perception.pack.ImageSpec;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
    /** Input buffers for {@link #prepare}: one being encoded while the next is filled. */
    private static final int PREPARED_BUFFERS = 2;

    /** A {@code pixel_values} tensor and the session feed that names it, built once per buffer. */
    record InputBuffer(Tensor pixels, Map<String, Tensor> feed) {
    }

    private final InferenceSession session;
    private final ImagePreprocessor preprocessor;
    private final InputBuffer input;
    private final String inputName;
    private final BlockingQueue<InputBuffer> freeBuffers = new ArrayBlockingQueue<>(PREPARED_BUFFERS);
    private ImagePreprocessor preparer;
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
        this.inputName = graph.inputs().get(0).name();
        this.input = newBuffer();
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
        preprocessor.fill(bgr, input.pixels().floats());
        return run(input, seq, width, height, System.nanoTime() - t0);
    }

    /** The graph on a filled input buffer, outputs copied into an {@link ImageEncoding}. */
    private ImageEncoding run(InputBuffer in, long seq, int width, int height, long preprocessNanos) {
        long t1 = System.nanoTime();
        Map<String, Tensor> out = session.run(in.feed());
        float[] features = copy(out, featuresName);
        float[] logits = logitsName.map(n -> copy(out, n)).orElse(new float[0]);
        float[] boxes = boxesName.map(n -> copy(out, n)).orElse(new float[0]);
        return new ImageEncoding(seq, width, height, features, tokens, dim, logits, boxes, preprocessNanos, System.nanoTime() - t1);
    }

    private InputBuffer newBuffer() {
        ImageSpec spec = preprocessor.spec();
        Tensor pixels = Tensor.allocate(ElementType.FLOAT32, 1, 3, spec.height(), spec.width());
        return new InputBuffer(pixels, Map.of(inputName, pixels));
    }

    /**
     * Preprocesses a frame into one of two input buffers of its own, for {@link #encode(PreparedInput)} later,
     * possibly on another thread: a frame loop prepares frame N+1 on a helper thread while this encoder runs frame
     * N, so that preprocessing leaves the encoder's critical path. Calls to {@code prepare} must come from one thread
     * at a time (it has its own preprocessor, separate from {@link #encode(Frame)}'s); it blocks while both buffers
     * are in use, until an input is encoded or {@linkplain PreparedInput#close() released}.
     */
    public PreparedInput prepare(Frame frame) {
        InputBuffer buffer = takeBuffer();
        try {
            long t0 = System.nanoTime();
            preparer.fill(frame.image(), buffer.pixels().floats());
            return new PreparedInput(frame, buffer, System.nanoTime() - t0, freeBuffers::add);
        } catch (RuntimeException e) {
            freeBuffers.add(buffer);
            throw e;
        }
    }

    /** Runs the encoder on a {@link #prepare prepared} input and releases its buffer. */
    public ImageEncoding encode(PreparedInput prepared) {
        try {
            Frame frame = prepared.frame();
            return run(prepared.buffer(), frame.seq(), frame.width(), frame.height(), prepared.preprocessNanos());
        } finally {
            prepared.close();
        }
    }

    private synchronized InputBuffer takeBuffer() {
        if (preparer == null) {
            preparer = new ImagePreprocessor(preprocessor.spec());
            for (int i = 0; i < PREPARED_BUFFERS; i++) {
                freeBuffers.add(newBuffer());
            }
        }
        try {
            return freeBuffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free encoder input buffer", e);
        }
    }

    /** The pixel values of the last encoded frame (parity tests compare them with the training side). */
    public float[] lastPixelValues() {
        return input.pixels().toFloatArray();
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
            synchronized (this) {
                if (preparer != null) {
                    preparer.close();
                }
            }
        }
    }
}
