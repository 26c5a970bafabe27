package io.sightline.perception.vlm;

import io.sightline.perception.detect.DetectionConfig;
import io.sightline.perception.detect.DetectionDecoder;
import io.sightline.perception.language.FixedShapeStepSessions;
import io.sightline.perception.language.LanguageDecoder;
import io.sightline.perception.language.StepSessions;
import io.sightline.perception.pack.GraphCheck;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.PackGraph;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.vision.VisionEncoder;
import io.sightline.runtime.InferenceBackend;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.runtime.select.BackendChoice;
import io.sightline.runtime.select.BackendSelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A model pack opened on an inference backend: the one object the pipeline holds.
 *
 * <pre>{@code
 * try (VlmModel vlm = VlmModel.open(Path.of("models/tabletop-vlm"), VlmOptions.onnxRuntime(2))) {
 *     log.info("backend {}", vlm.backendChoice());          // id + why it was chosen, for status
 *     ImageEncoding enc = vlm.encoder().encode(frame);      // every frame (preprocess + encoder)
 *     List<Detection> dets = vlm.detections().orElseThrow().decode(enc);   // dense head, source pixels
 *     Generation g = vlm.language().orElseThrow().generate(enc, Prompt.ground("the red cup")); // on request
 * }
 * }</pre>
 * {@link #open} validates the pack ({@link ModelPack#load}), chooses the backend with {@link BackendSelector}
 * ({@code auto} says why it fell back to the CPU), opens the image graph (the vision encoder, {@code fp32} or
 * {@code int8}, or a detection-only pack's detector), the embedding and decoder graphs when the pack has a language
 * decoder, and checks each opened session against the manifest again (a TensorRT engine
 * must expose the same tensors). {@link #close} closes every session and the tokenizer. The parts are not
 * thread-safe: use the encoder from the frame loop and the language decoder from one request thread.
 */
public final class VlmModel implements AutoCloseable {
    private final ModelPack pack;
    private final BackendChoice backendChoice;
    private final EncoderPrecision precision;
    private final VisionEncoder encoder;
    private final Optional<DetectionDecoder> detections;
    private final Optional<LanguageDecoder> language;
    private final Path encoderGraph;

    private VlmModel(ModelPack pack, BackendChoice choice, EncoderPrecision precision, VisionEncoder encoder,
                     Optional<DetectionDecoder> detections, Optional<LanguageDecoder> language, Path encoderGraph) {
        this.encoderGraph = encoderGraph;
        this.pack = pack;
        this.backendChoice = choice;
        this.precision = precision;
        this.encoder = encoder;
        this.detections = detections;
        this.language = language;
    }

    public static VlmModel open(Path packDir, VlmOptions options) {
        ModelPack pack = ModelPack.load(packDir);
        BackendChoice choice = new BackendSelector(options.onnx(), options.tensorRt()).select(options.backend());
        return open(pack, choice, options.precision(), options.detection(), options.groundNoneThreshold());
    }

    /**
     * Opens an already validated pack on a chosen backend.
     *
     * @param groundNoneThreshold empty = the pack's {@code prompt.none_threshold.ground}
     */
    public static VlmModel open(ModelPack pack, BackendChoice choice, EncoderPrecision precision,
                                Optional<DetectionConfig> detection, OptionalDouble groundNoneThreshold) {
        Path encoderGraph = switch (precision) {
            case FP32 -> pack.graphFile(pack.manifest().imageGraphRole());
            case INT8 -> pack.int8Encoder().orElseThrow(() -> new PackException(ModelPack.INT8_ENCODER,
                "precision int8 asks for this file but " + pack.dir() + " has none; quantize the encoder with calibration"
                    + " (sightline calibrate) or use precision fp32"));
        };
        return open(pack, choice, precision, encoderGraph, detection, groundNoneThreshold);
    }

    /**
     * Opens the pack with another vision-encoder graph in place of the manifest's, e.g. a candidate INT8 encoder
     * that calibration's accuracy guard scores before it is put into the pack. The graph must have the
     * manifest's encoder inputs and outputs (checked as for the pack's own).
     */
    public static VlmModel openWithEncoder(Path packDir, VlmOptions options, Path encoderGraph) {
        ModelPack pack = ModelPack.load(packDir);
        BackendChoice choice = new BackendSelector(options.onnx(), options.tensorRt()).select(options.backend());
        return open(pack, choice, options.precision(), encoderGraph, options.detection(), options.groundNoneThreshold());
    }

    private static VlmModel open(ModelPack pack, BackendChoice choice, EncoderPrecision precision, Path encoderGraph,
                                 Optional<DetectionConfig> detection, OptionalDouble groundNoneThreshold) {
        PackManifest m = pack.manifest();
        InferenceBackend backend = choice.backend();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            InferenceSession enc = checked(encoderBackend(backend, encoderGraph), encoderGraph, m.graph(m.imageGraphRole()), opened);
            VisionEncoder encoder = new VisionEncoder(enc, m);
            opened.remove(enc);
            opened.add(encoder);
            Optional<LanguageDecoder> language = Optional.empty();
            if (m.language().isPresent()) {
                InferenceSession emb = checked(backend, pack.graphFile(PackManifest.EMBED_TOKENS), m.graph(PackManifest.EMBED_TOKENS), opened);
                InferenceSession dec = checked(backend, pack.graphFile(PackManifest.DECODER), m.graph(PackManifest.DECODER), opened);
                StepSessions steps = stepSessions(stepBackend(backend), pack.graphFile(PackManifest.DECODER), m, dec, opened);
                language = Optional.of(new LanguageDecoder(emb, dec, steps, pack.tokenizerFile(), m, groundNoneThreshold));
            }
            Optional<DetectionDecoder> dets = DetectionDecoder.forPack(m, detection);
            return new VlmModel(pack, choice, precision, encoder, dets, language, encoderGraph);
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * The backend for the vision encoder. On ONNX Runtime with no thread count given (0), the thread count comes from
     * {@link EncoderThreadChoice}: every core but one (leaving a core to the frame loop's helper thread, see
     * {@link io.sightline.perception.pipeline.FrameLoop}) unless the encoder measures at least 10% faster on every
     * core. An explicit thread count is used as given.
     */
    static InferenceBackend encoderBackend(InferenceBackend backend, Path encoderGraph) {
        if (backend instanceof OnnxRuntimeBackend ort && ort.options().intraOpThreads() == 0) {
            return new OnnxRuntimeBackend(ort.options().withIntraOpThreads(
                EncoderThreadChoice.forOptions(ort.options(), encoderGraph).threads()));
        }
        return backend;
    }

    /** The vision encoder's ONNX Runtime intra-op threads and how they were chosen; empty on another backend. */
    public Optional<EncoderThreadChoice.Choice> encoderThreadChoice() {
        return backendChoice.backend() instanceof OnnxRuntimeBackend ort
            ? Optional.of(EncoderThreadChoice.forOptions(ort.options(), encoderGraph)) : Optional.empty();
    }

    /** The vision encoder's ONNX Runtime intra-op threads; empty on another backend. */
    public OptionalInt encoderThreads() {
        return encoderThreadChoice().map(c -> OptionalInt.of(c.threads())).orElse(OptionalInt.empty());
    }

    /**
     * The backend for the cached single-token decoder steps. On ONNX Runtime that is one intra-op thread: a step
     * is ~100 tiny ops on one token, where handing work to a second thread costs more than it saves; the prompt
     * step and the encoder keep the configured threads.
     */
    static InferenceBackend stepBackend(InferenceBackend backend) {
        if (backend instanceof OnnxRuntimeBackend ort && ort.options().intraOpThreads() != 1) {
            return new OnnxRuntimeBackend(ort.options().withIntraOpThreads(1));
        }
        return backend;
    }

    /**
     * The sessions for the cached decoder steps. On ONNX Runtime each is opened with the step's dimensions fixed
     * ({@link FixedShapeStepSessions}: batch 1, one token, the cache's slots), so ORT folds the graph's shape
     * arithmetic; measured on the shipped pack, 2-core machine, 1 thread: ~210 -> ~180 us per step. Elsewhere (or
     * when the graph's dimension names do not allow it) one session with dynamic shapes serves every step.
     */
    static StepSessions stepSessions(InferenceBackend backend, Path graph, PackManifest m, InferenceSession prompt,
                                     List<AutoCloseable> opened) {
        PackGraph spec = m.graph(PackManifest.DECODER);
        Optional<StepSessions> fixed = backend instanceof OnnxRuntimeBackend ort
            ? FixedShapeStepSessions.forDecoder(m, prompt.inputs(),
                dims -> openChecked(new OnnxRuntimeBackend(ort.options().withFixedDimensions(dims)), graph, spec))
            : Optional.empty();
        StepSessions steps = fixed.orElseGet(() -> StepSessions.shared(openChecked(backend, graph, spec)));
        opened.add(steps);
        return steps;
    }

    private static InferenceSession checked(InferenceBackend backend, Path graph, PackGraph spec,
                                            List<AutoCloseable> opened) {
        InferenceSession s = openChecked(backend, graph, spec);
        opened.add(s);
        return s;
    }

    /** Opens {@code graph} and checks it against the manifest; closes it again when the check fails. */
    private static InferenceSession openChecked(InferenceBackend backend, Path graph, PackGraph spec) {
        InferenceSession s = backend.open(graph);
        try {
            GraphCheck.check(spec, graph.getFileName().toString(), s);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public ModelPack pack() {
        return pack;
    }

    public VisionEncoder encoder() {
        return encoder;
    }

    /**
     * A second vision encoder over the same graph on ONNX Runtime with other session settings (the caller owns
     * it), e.g. a benchmark's encoder-only baseline at every thread count.
     */
    public VisionEncoder openEncoder(OnnxRuntimeOptions options) {
        InferenceSession session = new OnnxRuntimeBackend(options).open(encoderGraph);
        try {
            GraphCheck.check(pack.manifest().graph(pack.manifest().imageGraphRole()), encoderGraph.getFileName().toString(), session);
            return new VisionEncoder(session, pack.manifest());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The dense-head decoder; empty for packs without a dense head (detect through the language decoder instead). */
    public Optional<DetectionDecoder> detections() {
        return detections;
    }

    /**
     * The language decoder (grounding, described detection); empty for a detection-only pack (no tokenizer, decoder
     * or embed graphs), see {@link #languageUnavailableReason()}.
     */
    public Optional<LanguageDecoder> language() {
        return language;
    }

    /** Why there is no language decoder, for logs, status and grounding answers ("" when there is one). */
    public String languageUnavailableReason() {
        return language.isPresent() ? "" : "model pack " + pack.manifest().name() + " has no language decoder"
            + " (detection only): grounding is unavailable";
    }

    /** The backend and why it was chosen (for the status topic and logs). */
    public BackendChoice backendChoice() {
        return backendChoice;
    }

    public EncoderPrecision precision() {
        return precision;
    }

    /** One line for logs and status: pack, version, backend, precision. */
    public String describe() {
        return pack.manifest().name() + " " + pack.manifest().version() + " on " + backendChoice + ", encoder " + precision;
    }

    /** As {@link #describe()} without why the backend was chosen (for lines that the reason was logged before). */
    public String summary() {
        return pack.manifest().name() + " " + pack.manifest().version() + " on " + backendChoice.backend().id()
            + ", encoder " + precision;
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            language.ifPresent(LanguageDecoder::close);
        }
    }
}
