package io.sightline.perception.language;

import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Answers prompts about an encoded frame with the pack's language decoder, the way training runs it
 * ({@code models/training/vlm/generate.py}, ARCHITECTURE.md section 4):
 * prompt ids ({@code <image>} x N, {@code <bos>}, task words, {@code <sep>}) from DJL's tokenizer ->
 * {@code embed_tokens} -> the rows of {@code image_token_id} replaced by the frame's image features ->
 * decoder with a zero-length past -> one token per step against the KV cache ({@code attention_mask} growing by
 * one, {@code position_ids} 0-based) -> greedy choice among the tokens {@link LocGrammar} admits, so the answer
 * always parses -> stop at {@code <eos>} or after {@code maxTokens}.
 *
 * <p>API for the pipeline (one instance per model, not thread-safe: serialise grounding requests):
 * <pre>{@code
 * Generation g = vlm.language().generate(latestEncoding, "ground the red cup behind the blue box", 8);
 * if (g.isNone()) ...  else g.locs().get(0).toPixels(enc.sourceWidth(), enc.sourceHeight());
 * }</pre>
 * {@link #generate(ImageEncoding, String, int, DecodeMode)} with {@link DecodeMode#RECOMPUTE} runs the same
 * answer without the cache (the benchmark baseline). {@link #startPrompt}/{@link #nextLogits} expose the raw
 * steps for parity checks. Owns its two sessions and the tokenizer.
 */
public final class LanguageDecoder implements AutoCloseable {
    /** Prompt words beyond the image rows that the initial cache leaves room for. */
    private static final int PROMPT_ALLOWANCE = 32;

    private final InferenceSession embed;
    private final InferenceSession decoder;
    private final StepSessions stepSessions;
    private InferenceSession stepDecoder;
    private final PromptEncoder prompts;
    private final TokenTable table;
    private final PackManifest manifest;
    private final DecoderTensors names;
    private final Map<Task, LocGrammar> grammars = new EnumMap<>(Task.class);
    private final LocParser parser;
    private final int imageTokenId;
    private final int eos;
    private final int dim;
    private final int kvHeads;
    private final int headDim;
    private final int vocab;
    private final float[] row;
    private final float[][] embedRows;

    private int capacity;
    private Tensor ids;
    private Tensor embeds;
    private Tensor mask;
    private Tensor positions;
    private Tensor[] past;
    private final Map<String, Tensor> embedInputs = new LinkedHashMap<>();
    private final Map<String, Tensor> decoderInputs = new LinkedHashMap<>();
    private int pastLength;
    private ImageEncoding current;

    /**
     * Takes ownership of the sessions. {@code decoder} runs prompts (whole sequences, zero-length past);
     * {@code stepSessions} gives the session of the same graph that runs the cached single-token steps, for the
     * cache's size. Each session keeps the output buffers of its last input shapes, so with one session per shape
     * regime a request re-plans neither its prompt step (same prompt length as the last request) nor its token steps
     * (static cache shape). The cache starts with room for the image rows, {@value #PROMPT_ALLOWANCE} prompt tokens
     * and the longest default answer, so the step session is opened here and normally never again.
     */
    public LanguageDecoder(InferenceSession embed, InferenceSession decoder, StepSessions stepSessions,
                           Path tokenizerJson, PackManifest manifest) {
        this(embed, decoder, stepSessions, tokenizerJson, manifest, OptionalDouble.empty());
    }

    /**
     * As above; {@code groundNoneThreshold} replaces the pack's {@code prompt.none_threshold.ground} (the share of
     * the first step's probability that {@code none} needs, see {@link LocGrammar}).
     */
    public LanguageDecoder(InferenceSession embed, InferenceSession decoder, StepSessions stepSessions,
                           Path tokenizerJson, PackManifest manifest, OptionalDouble groundNoneThreshold) {
        this.embed = embed;
        this.decoder = decoder;
        this.stepSessions = stepSessions;
        this.manifest = manifest;
        this.names = DecoderTensors.of(manifest);
        this.table = TokenTable.read(tokenizerJson);
        this.imageTokenId = manifest.imageTokenId();
        this.eos = manifest.specialToken("eos");
        this.dim = manifest.decoder().hiddenSize();
        this.kvHeads = manifest.decoder().kvHeads();
        this.headDim = manifest.decoder().headDim();
        this.vocab = manifest.vocabSize();
        this.row = new float[vocab];
        this.embedRows = new float[vocab][];
        this.parser = LocParser.forGrammar(manifest.grammar(), manifest.loc().bins());
        if (manifest.loc().bins() > 0) {
            String first = table.token(manifest.loc().firstTokenId());
            if (!first.equals("<loc0000>")) {
                throw new io.sightline.perception.pack.PackException("tokenizer.json", "id " + manifest.loc().firstTokenId()
                    + " (loc.first_token_id) is '" + first + "', expected <loc0000>");
            }
        }
        Set<Integer> colours = new HashSet<>();
        manifest.colours().forEach(c -> colours.add(table.requireId(c, "a colour label")));
        Set<Integer> shapes = new HashSet<>();
        manifest.shapes().forEach(s -> shapes.add(table.requireId(s, "a shape label")));
        Set<Integer> specials = new HashSet<>();
        for (String key : List.of("pad", "bos", "eos", "unk", "image", "sep")) {
            Integer id = manifest.specialTokens().get(key);
            if (id != null) {
                specials.add(id);
            }
        }
        for (Task task : Task.values()) {
            double noneThreshold = task == Task.GROUND && groundNoneThreshold.isPresent()
                ? groundNoneThreshold.getAsDouble() : manifest.noneThreshold(task.key());
            grammars.put(task, new LocGrammar(task, manifest.loc(), eos, manifest.specialToken("none"),
                manifest.specialToken("separator"), colours, shapes, specials, vocab, noneThreshold));
        }
        this.prompts = new PromptEncoder(tokenizerJson, table.token(imageTokenId), manifest.imageTokens(),
            table.token(manifest.specialToken("bos")), table.token(manifest.specialToken("sep")));
        try {
            allocate(initialSlots(manifest));
        } catch (RuntimeException e) {
            prompts.close();
            throw e;
        }
    }

    /** Cache slots for the image rows, {@value #PROMPT_ALLOWANCE} prompt tokens and the longest default answer, rounded up to 32. */
    public static int initialSlots(PackManifest manifest) {
        int answer = manifest.maxNewTokens().values().stream().mapToInt(Integer::intValue).max().orElse(32);
        int slots = manifest.imageTokens() + PROMPT_ALLOWANCE + answer;
        return (slots + 31) / 32 * 32;
    }

    /** The inputs of the session that runs the cached steps, as it was opened (static when its shapes were fixed). */
    public List<TensorSpec> stepSessionInputs() {
        return stepDecoder.inputs();
    }

    public LocGrammar grammar(Task task) {
        return grammars.get(task);
    }

    public PromptEncoder prompts() {
        return prompts;
    }

    public TokenTable tokens() {
        return table;
    }

    /** The manifest's default answer budget for the prompt's task. */
    public int defaultMaxTokens(String prompt) {
        return manifest.maxNewTokens().getOrDefault(Task.of(prompt).key(), 32);
    }

    public Generation generate(ImageEncoding encoding, String prompt, int maxTokens) {
        return generate(encoding, prompt, maxTokens, DecodeMode.KV_CACHE);
    }

    public Generation generate(ImageEncoding encoding, String prompt, int maxTokens, DecodeMode mode) {
        return generate(encoding, prompt, maxTokens, mode, true);
    }

    /**
     * With {@code stopAtEos = false} the loop runs exactly {@code maxTokens} steps (after {@code <eos>} the grammar
     * only admits {@code <eos>} again): a fixed-length answer for benchmarks, whatever the model answers.
     */
    Generation generate(ImageEncoding encoding, String prompt, int maxTokens, DecodeMode mode, boolean stopAtEos) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        }
        Task task = Task.of(prompt);
        LocGrammar grammar = grammars.get(task);
        long t0 = System.nanoTime();
        long[] promptIds = prompts.encode(prompt);
        List<Integer> out = new ArrayList<>();
        float[] logits = startPrompt(encoding, promptIds, maxTokens);
        long firstToken = 0;
        StopReason reason = StopReason.MAX_TOKENS;
        LocGrammar.State state = grammar.initial();
        for (int k = 0; k < maxTokens; k++) {
            int token = grammar.pick(state, logits, 0);
            out.add(token);
            state = grammar.advance(state, token);
            if (k == 0) {
                firstToken = System.nanoTime() - t0;
            }
            if (grammar.isDone(state)) {
                reason = StopReason.EOS;
                if (stopAtEos) {
                    break;
                }
            }
            if (k + 1 < maxTokens) {
                logits = mode == DecodeMode.KV_CACHE ? nextLogits(token) : recomputeLogits(promptIds, out);
            }
        }
        long total = System.nanoTime() - t0;
        String text = render(out);
        List<LocResult> locs = task == Task.DESCRIBE ? List.of() : parser.parse(text);
        double rate = out.size() > 1 && total > firstToken ? (out.size() - 1) / ((total - firstToken) / 1e9) : 0;
        return new Generation(prompt.strip(), text, out, locs, reason, firstToken, total, rate);
    }

    /**
     * Step 0: embeds {@code promptIds} with the image rows replaced, runs the decoder with a zero-length past and
     * keeps the presents as the cache, with room for {@code reserveTokens} more. Returns the logits of the last
     * prompt position (a copy, {@code vocab} long).
     */
    public float[] startPrompt(ImageEncoding encoding, long[] promptIds, int reserveTokens) {
        return prefill(encoding, promptIds, reserveTokens, true);
    }

    private float[] prefill(ImageEncoding encoding, long[] promptIds, int reserveTokens, boolean keepCache) {
        current = encoding;
        ensureCapacity(promptIds.length + Math.max(1, reserveTokens));
        embedSequence(promptIds, encoding);
        LongBuffer m = mask.reshape(1, promptIds.length).longs();
        LongBuffer pos = positions.reshape(1, promptIds.length).longs();
        for (int i = 0; i < promptIds.length; i++) {
            m.put(i, 1);
            pos.put(i, i);
        }
        for (Tensor p : past) {
            p.reshape(1, kvHeads, 0, headDim);
        }
        Map<String, Tensor> out = decoder.run(decoderInputs);
        pastLength = 0;
        if (keepCache) {
            for (int j = 0; j < past.length; j++) {
                Tensor present = present(out, j, promptIds.length);
                past[j].reshape(1, kvHeads, capacity, headDim);
                copySlots(present.floats(), promptIds.length, 0, past[j].floats(), 0, promptIds.length);
            }
            pastLength = promptIds.length;
        }
        return lastRow(out, promptIds.length);
    }

    /**
     * One cached step: feeds {@code token} at position {@code past length} and returns its logits (a copy).
     *
     * <p>The cache is static-shaped (as HuggingFace's {@code StaticCache}): the past tensors always hold
     * {@code capacity} slots, of which the first {@code past length} are valid, and {@code attention_mask} is
     * {@code [1, capacity + 1]} with ones on the valid slots and on the new token (the decoder adds -1e9 to
     * masked keys, so empty slots get exactly zero attention weight). Every step therefore has the same input
     * shapes: ONNX Runtime reuses its output buffers and memory plan instead of re-planning for a new length each
     * step (0.35 ms vs ~1 ms per step measured on this model), and TensorRT stays on one profile shape. The new
     * key/value (slot {@code capacity} of the presents) is copied into slot {@code past length}. RoPE positions
     * come from {@code position_ids}, so slot order does not matter.
     */
    public float[] nextLogits(int token) {
        if (current == null || pastLength == 0) {
            throw new IllegalStateException("nextLogits before startPrompt");
        }
        if (pastLength == capacity) {
            allocate(2 * capacity);
        }
        embedRows(new long[]{token}, embeds.reshape(1, 1, dim).floats());
        LongBuffer m = mask.reshape(1, capacity + 1).longs();
        for (int i = 0; i <= capacity; i++) {
            m.put(i, i < pastLength || i == capacity ? 1 : 0);
        }
        positions.reshape(1, 1).longs().put(0, pastLength);
        Map<String, Tensor> out = stepDecoder.run(decoderInputs);
        for (int j = 0; j < past.length; j++) {
            Tensor present = present(out, j, capacity + 1);
            copySlots(present.floats(), capacity + 1, capacity, past[j].floats(), pastLength, 1);
        }
        pastLength++;
        return lastRow(out, 1);
    }

    /** The baseline: the whole sequence (prompt + answer so far) through the decoder with an empty past. */
    private float[] recomputeLogits(long[] promptIds, List<Integer> answer) {
        long[] all = new long[promptIds.length + answer.size()];
        System.arraycopy(promptIds, 0, all, 0, promptIds.length);
        for (int i = 0; i < answer.size(); i++) {
            all[promptIds.length + i] = answer.get(i);
        }
        return prefill(current, all, 1, false);
    }

    private void embedSequence(long[] seq, ImageEncoding encoding) {
        FloatBuffer target = embeds.reshape(1, seq.length, dim).floats();
        embedRows(seq, target);
        float[] features = encoding.imageFeatures();
        int row = 0;
        for (int i = 0; i < seq.length; i++) {
            if (seq[i] == imageTokenId) {
                if (row >= encoding.featureTokens()) {
                    throw new IllegalArgumentException("prompt has more <image> tokens than the encoding's "
                        + encoding.featureTokens() + " feature rows");
                }
                target.put(i * dim, features, row * dim, dim);
                row++;
            }
        }
        if (row != encoding.featureTokens()) {
            throw new IllegalArgumentException("prompt has " + row + " <image> tokens, the encoding has "
                + encoding.featureTokens() + " feature rows");
        }
    }

    /**
     * Writes the {@code embed_tokens} rows of {@code seq} into {@code target}. The graph is a table lookup, so rows
     * are memoised per token id: ids not seen before go through the graph in one call, the rest are copied. A
     * decoder step then costs one graph call instead of two. Memory: at most vocab x hidden floats.
     */
    private void embedRows(long[] seq, FloatBuffer target) {
        int missing = 0;
        for (long id : seq) {
            if (id < 0 || id >= embedRows.length) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + embedRows.length);
            }
            if (embedRows[(int) id] == null) {
                missing++;
            }
        }
        if (missing > 0) {
            LongBuffer in = ids.reshape(1, missing).longs();
            int k = 0;
            for (long id : seq) {
                if (embedRows[(int) id] == null) {
                    in.put(k++, id);
                }
            }
            FloatBuffer out = embed.run(embedInputs).get(names.embedsOutput()).floats();
            for (int i = 0; i < missing; i++) {
                float[] rowValues = new float[dim];
                out.get(i * dim, rowValues);
                embedRows[(int) in.get(i)] = rowValues;
            }
        }
        for (int i = 0; i < seq.length; i++) {
            target.put(i * dim, embedRows[(int) seq[i]]);
        }
    }

    private Tensor present(Map<String, Tensor> out, int j, int slots) {
        Tensor present = out.get(names.presentOutputs().get(j));
        long[] shape = present.shapeView();
        if (shape.length != 4 || shape[0] != 1 || shape[1] != kvHeads || shape[2] != slots || shape[3] != headDim) {
            throw new IllegalStateException(names.presentOutputs().get(j) + " has shape " + java.util.Arrays.toString(shape)
                + ", expected [1, " + kvHeads + ", " + slots + ", " + headDim + "]");
        }
        return present;
    }

    /**
     * Copies {@code count} sequence slots per KV head from a {@code [1, kvh, srcSlots, hd]} buffer starting at slot
     * {@code srcFrom} into this decoder's {@code [1, kvh, capacity, hd]} cache starting at slot {@code dstFrom}.
     */
    private void copySlots(FloatBuffer src, int srcSlots, int srcFrom, FloatBuffer dst, int dstFrom, int count) {
        int len = count * headDim;
        for (int h = 0; h < kvHeads; h++) {
            int s = (h * srcSlots + srcFrom) * headDim;
            dst.put((h * capacity + dstFrom) * headDim, src, s, len);
        }
    }

    private float[] lastRow(Map<String, Tensor> out, int length) {
        Tensor logits = out.get(names.logitsOutput());
        logits.floats().get((length - 1) * vocab, row, 0, vocab);
        return row.clone();
    }

    /** Capacity in multiples of 32 slots so requests with similar budgets share shapes. */
    private void ensureCapacity(int sequence) {
        if (sequence > capacity) {
            allocate(Math.max((sequence + 31) / 32 * 32, 2 * capacity));
        }
    }

    /** Tensors sized for {@code slots} positions, reused (reshaped) across steps and requests; keeps a live cache. */
    private void allocate(int slots) {
        Tensor[] oldPast = past;
        int oldCapacity = capacity;
        capacity = slots;
        ids = Tensor.withCapacity(ElementType.INT64, slots, 1, 1);
        embeds = Tensor.withCapacity(ElementType.FLOAT32, (long) slots * dim, 1, 1, dim);
        mask = Tensor.withCapacity(ElementType.INT64, slots + 1L, 1, 1);
        positions = Tensor.withCapacity(ElementType.INT64, slots, 1, 1);
        past = new Tensor[names.pastInputs().size()];
        for (int j = 0; j < past.length; j++) {
            past[j] = Tensor.withCapacity(ElementType.FLOAT32, (long) kvHeads * slots * headDim, 1, kvHeads, slots, headDim);
            if (oldPast != null && pastLength > 0) {
                copySlots(oldPast[j].reshape(1, kvHeads, oldCapacity, headDim).floats(), oldCapacity, 0,
                    past[j].floats(), 0, pastLength);
            }
        }
        embedInputs.clear();
        embedInputs.put(names.idsInput(), ids);
        stepDecoder = stepSessions.forSlots(slots);
        decoderInputs.clear();
        decoderInputs.put(names.embedsInput(), embeds);
        decoderInputs.put(names.maskInput(), mask);
        decoderInputs.put(names.positionsInput(), positions);
        for (int j = 0; j < past.length; j++) {
            decoderInputs.put(names.pastInputs().get(j), past[j]);
        }
    }

    /** Loc tokens run together, other tokens separated by spaces, {@code <eos>} dropped. */
    private String render(List<Integer> tokens) {
        StringBuilder sb = new StringBuilder();
        boolean prevLoc = false;
        for (int t : tokens) {
            if (t == eos) {
                continue;
            }
            boolean loc = manifest.loc().isLoc(t);
            if (sb.length() > 0 && !(loc && prevLoc)) {
                sb.append(' ');
            }
            sb.append(table.token(t));
            prevLoc = loc;
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            embed.close();
            decoder.close();
            stepSessions.close();
        } finally {
            prompts.close();
        }
    }
}
