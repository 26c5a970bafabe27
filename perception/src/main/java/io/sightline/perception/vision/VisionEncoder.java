package io.sightline.perception.vision;

import io.sightline.perception.pack.HeadSpec;
import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.pack.LanguageSpec;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.PackGraph;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.pack.PackTensor;
import io.sightline.perception.source.Frame;
import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Runs the pack's image graph (the vision encoder, or a detection-only pack's detector) on frames: {@code encode(frame)} preprocesses with OpenCV into a reused direct
 * input tensor (no per-frame allocation of the 3xHxW buffer), runs the graph on whatever backend opened the
 * session, and copies the outputs (image features when the pack has a language decoder, the head's outputs) into an {@link ImageEncoding}.
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
    private final Optional<String> featuresName;
    private final List<String> headNames;
    private final int tokens;
    private final int dim;

    /** Takes ownership of {@code session}. Tensor names come from the manifest, which the pack loader checked against the graph. */
    public VisionEncoder(InferenceSession session, PackManifest manifest) {
        this.session = session;
        this.preprocessor = new ImagePreprocessor(manifest.image());
        PackGraph graph = manifest.graph(manifest.imageGraphRole());
        this.inputName = graph.inputs().get(0).name();
        this.input = newBuffer();
        this.featuresName = manifest.language()
            .map(l -> output(graph, "image_features").orElseGet(() -> graph.outputs().get(0).name()));
        this.tokens = manifest.language().map(LanguageSpec::imageTokens).orElse(0);
        this.dim = manifest.language().map(l -> l.decoder().hiddenSize()).orElse(0);
        this.headNames = manifest.head().map(HeadSpec::outputNames).orElse(List.of());
        for (String name : headNames) {
            if (output(graph, name).isEmpty()) {
                throw new PackException("manifest.json", "head needs output '" + name + "' but graphs."
                    + manifest.imageGraphRole() + ".outputs lacks it; has " + graph.outputs().stream().map(PackTensor::name).toList());
            }
        }
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
        float[] features = featuresName.map(n -> copy(out, n)).orElse(new float[0]);
        Map<String, float[]> head = new LinkedHashMap<>();
        for (String name : headNames) {
            head.put(name, copy(out, name));
        }
        return new ImageEncoding(seq, width, height, features, tokens, dim, head, preprocessNanos, System.nanoTime() - t1);
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
