package io.sightline.perception.language;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.sightline.perception.pack.PackException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the prompt token ids the way training does ({@code models/training/vlm/tasks.py prompt_ids}):
 * {@code '<image>' x imageTokens + '<bos> ' + task words + ' <sep>'} ({@link Prompt#words()}), encoded by DJL's HuggingFace tokenizer from
 * the pack's {@code tokenizer.json} (a local file: no network). Not thread-safe in the sense that it owns a
 * native tokenizer; close it with its owner.
 */
public final class PromptEncoder implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final String imagePrefix;
    private final String bos;
    private final String sep;

    public PromptEncoder(Path tokenizerJson, String imageToken, int imageTokens, String bos, String sep) {
        try {
            // No truncation or padding: a prompt must reach the model whole (DJL would otherwise cut at 512 tokens).
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException | RuntimeException e) {
            throw new PackException(tokenizerJson.getFileName().toString(), "DJL could not load the tokenizer: " + e.getMessage(), e);
        }
        this.imagePrefix = imageToken.repeat(imageTokens);
        this.bos = bos;
        this.sep = sep;
    }

    /** The text the tokenizer sees for a prompt (around its words, "ground the red cup"). */
    public String promptText(Prompt prompt) {
        return imagePrefix + bos + " " + prompt.words() + " " + sep;
    }

    public long[] encode(Prompt prompt) {
        return encodeText(promptText(prompt));
    }

    /** Raw text to ids; special tokens are only those written in the text (none are added). */
    public long[] encodeText(String text) {
        Encoding e = tokenizer.encode(text);
        return e.getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
