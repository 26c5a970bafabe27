package io.sightline.perception.language;

import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Answers {@link Prompt}s about an encoded frame with the pack's language decoder, the way training runs it
 * ({@code models/training/vlm/generate.py}, ARCHITECTURE.md section 4):
 * prompt ids ({@link PromptEncoder}: {@code <image>} x N, {@code <bos>}, task words, {@code <sep>}) ->
 * {@link TokenEmbeddings} -> the rows of {@code image_token_id} replaced by the frame's image features ->
 * decoder with a zero-length past -> one token per step against the {@link KvCache} -> greedy choice among the
 * tokens {@link LocGrammar} admits, whose walk also builds the answer's boxes -> stop at {@code <eos>} or after
 * {@code maxTokens}.
 *
 * <p>API for the pipeline (one instance per model, not thread-safe: serialise grounding requests):
 * <pre>{@code
 * Generation g = vlm.language().generate(latestEncoding, Prompt.ground("the red cup behind the blue box"));
 * if (g.isNone()) ...  else g.locs().get(0).toPixels(enc.sourceWidth(), enc.sourceHeight());
 * }</pre>
 * {@link #generate(ImageEncoding, Prompt, int, DecodeMode)} with {@link DecodeMode#RECOMPUTE} runs the same
 * answer without the cache (the benchmark baseline). {@link #startPrompt}/{@link #nextLogits} expose the raw
 * steps for parity checks. Owns its sessions and the tokenizer.
 */
public final class LanguageDecoder implements AutoCloseable {
    /** Prompt words beyond the image rows that the initial cache leaves room for. */
    private static final int PROMPT_ALLOWANCE = 32;

    private final TokenEmbeddings embeddings;
    private final InferenceSession decoder;
    private final StepSessions stepSessions;
    private InferenceSession stepDecoder;
    private final PromptEncoder prompts;
    private final TokenTable table;
    private final PackManifest manifest;
    private final DecoderTensors names;
    private final Map<Task, LocGrammar> grammars = new EnumMap<>(Task.class);
    private final int imageTokenId;
    private final int eos;
    private final int dim;
    private final int vocab;
    private final float[] row;
    private final KvCache cache;

    private Tensor embeds;
    private final Map<String, Tensor> decoderInputs = new LinkedHashMap<>();
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
        this.decoder = decoder;
        this.stepSessions = stepSessions;
        this.manifest = manifest;
        this.names = DecoderTensors.of(manifest);
        this.table = TokenTable.read(tokenizerJson);
        this.imageTokenId = manifest.requireLanguage().imageTokenId();
        this.eos = manifest.requireLanguage().specialToken("eos");
        this.dim = manifest.requireLanguage().decoder().hiddenSize();
        this.vocab = manifest.requireLanguage().vocabSize();
        this.row = new float[vocab];
        this.embeddings = new TokenEmbeddings(embed, names, vocab, dim);
        requireLocTokens(table, manifest);
        Map<Integer, String> colours = labels(manifest.colours(), "a colour label");
        Map<Integer, String> shapes = labels(manifest.shapes(), "a shape label");
        Set<Integer> specials = new HashSet<>();
        for (String key : List.of("pad", "bos", "eos", "unk", "image", "sep")) {
            Integer id = manifest.requireLanguage().specialTokens().get(key);
            if (id != null) {
                specials.add(id);
            }
        }
        for (Task task : Task.values()) {
            double noneThreshold = task == Task.GROUND && groundNoneThreshold.isPresent()
                ? groundNoneThreshold.getAsDouble() : manifest.requireLanguage().noneThreshold(task.key());
            grammars.put(task, new LocGrammar(task, manifest.requireLanguage().loc(), eos, manifest.requireLanguage().specialToken("none"),
                manifest.requireLanguage().specialToken("separator"), colours, shapes, specials, vocab, noneThreshold));
        }
        this.cache = new KvCache(names, manifest.requireLanguage().decoder().kvHeads(), manifest.requireLanguage().decoder().headDim(), initialSlots(manifest));
        this.prompts = new PromptEncoder(tokenizerJson, table.token(imageTokenId), manifest.requireLanguage().imageTokens(),
            table.token(manifest.requireLanguage().specialToken("bos")), table.token(manifest.requireLanguage().specialToken("sep")));
        try {
            resized();
        } catch (RuntimeException e) {
            prompts.close();
            throw e;
        }
    }

    /**
     * The grammar decodes loc token {@code first_token_id + b} as bin {@code b}; the answer text shows the token, so
     * every loc token must read {@code <locBBBB>} for the two to agree.
     */
    private static void requireLocTokens(TokenTable table, PackManifest manifest) {
        for (int b = 0; b < manifest.requireLanguage().loc().bins(); b++) {
            int id = manifest.requireLanguage().loc().firstTokenId() + b;
            String want = String.format(Locale.ROOT, "<loc%04d>", b);
            if (!table.token(id).equals(want)) {
                throw new PackException("tokenizer.json", "id " + id + " (loc.first_token_id + " + b + ") is '"
                    + table.token(id) + "', expected " + want);
            }
        }
    }

    private Map<Integer, String> labels(List<String> words, String why) {
        Map<Integer, String> out = new HashMap<>();
        words.forEach(w -> out.put(table.requireId(w, why), w));
        return out;
    }

    /** Cache slots for the image rows, {@value #PROMPT_ALLOWANCE} prompt tokens and the longest default answer, rounded up to 32. */
    public static int initialSlots(PackManifest manifest) {
        int answer = manifest.requireLanguage().maxNewTokens().values().stream().mapToInt(Integer::intValue).max().orElse(32);
        int slots = manifest.requireLanguage().imageTokens() + PROMPT_ALLOWANCE + answer;
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

    /** The manifest's default answer budget for a task ({@code max_new_tokens}; 32 where it names none). */
    public int defaultMaxTokens(Task task) {
        return manifest.requireLanguage().maxNewTokens().getOrDefault(task.key(), 32);
    }

    /** The answer within the manifest's budget for the prompt's task. */
    public Generation generate(ImageEncoding encoding, Prompt prompt) {
        return generate(encoding, prompt, defaultMaxTokens(prompt.task()));
    }

    public Generation generate(ImageEncoding encoding, Prompt prompt, int maxTokens) {
        return generate(encoding, prompt, maxTokens, DecodeMode.KV_CACHE);
    }

    public Generation generate(ImageEncoding encoding, Prompt prompt, int maxTokens, DecodeMode mode) {
        return generate(encoding, prompt, maxTokens, mode, true);
    }

    /**
     * With {@code stopAtEos = false} the loop runs exactly {@code maxTokens} steps (after {@code <eos>} the grammar
     * only admits {@code <eos>} again): a fixed-length answer for benchmarks, whatever the model answers.
     */
    Generation generate(ImageEncoding encoding, Prompt prompt, int maxTokens, DecodeMode mode, boolean stopAtEos) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        }
        LocGrammar grammar = grammars.get(prompt.task());
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
        double rate = out.size() > 1 && total > firstToken ? (out.size() - 1) / ((total - firstToken) / 1e9) : 0;
        return new Generation(prompt, render(out), out, state.locs(), reason, firstToken, total, rate);
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
        if (cache.ensureRoom(promptIds.length + Math.max(1, reserveTokens))) {
            resized();
        }
        embedSequence(promptIds, encoding);
        cache.preparePrompt(promptIds.length);
        Map<String, Tensor> out = decoder.run(decoderInputs);
        if (keepCache) {
            cache.keepPrompt(out, promptIds.length);
        }
        return lastRow(out, promptIds.length);
    }

    /** One cached step (see {@link KvCache}): feeds {@code token} after the valid slots and returns its logits (a copy). */
    public float[] nextLogits(int token) {
        if (current == null || cache.length() == 0) {
            throw new IllegalStateException("nextLogits before startPrompt");
        }
        if (cache.ensureStep()) {
            resized();
        }
        embeddings.write(new long[]{token}, embeds.reshape(1, 1, dim).floats());
        cache.prepareStep();
        Map<String, Tensor> out = stepDecoder.run(decoderInputs);
        cache.appendStep(out);
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
        embeddings.write(seq, target);
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

    private float[] lastRow(Map<String, Tensor> out, int length) {
        Tensor logits = out.get(names.logitsOutput());
        logits.floats().get((length - 1) * vocab, row, 0, vocab);
        return row.clone();
    }

    /** The embeddings buffer and the step session follow the cache's capacity; the inputs are bound again. */
    private void resized() {
        embeds = Tensor.withCapacity(ElementType.FLOAT32, (long) cache.capacity() * dim, 1, 1, dim);
        stepDecoder = stepSessions.forSlots(cache.capacity());
        decoderInputs.clear();
        decoderInputs.put(names.embedsInput(), embeds);
        cache.bind(decoderInputs);
    }

    /** Loc tokens run together, other tokens separated by spaces, {@code <eos>} dropped. */
    private String render(List<Integer> tokens) {
        StringBuilder sb = new StringBuilder();
        boolean prevLoc = false;
        for (int t : tokens) {
            if (t == eos) {
                continue;
            }
            boolean loc = manifest.requireLanguage().loc().isLoc(t);
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
            embeddings.close();
            decoder.close();
            stepSessions.close();
        } finally {
            prompts.close();
        }
    }
}
