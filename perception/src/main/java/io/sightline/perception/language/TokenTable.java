package io.sightline.perception.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.pack.PackException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The id-to-token table of a HuggingFace {@code tokenizer.json} ({@code model.vocab} plus {@code added_tokens}),
 * which the grammar needs to know which ids are loc tokens, labels and punctuation. Encoding text is left to
 * DJL's tokenizer ({@link PromptEncoder}); this only maps ids and tokens both ways.
 */
public final class TokenTable {
    private final String[] tokens;
    private final Map<String, Integer> ids;

    TokenTable(String[] tokens) {
        this.tokens = tokens.clone();
        this.ids = new HashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] != null) {
                ids.putIfAbsent(tokens[i], i);
            }
        }
    }

    public static TokenTable read(Path tokenizerJson) {
        String file = tokenizerJson.getFileName().toString();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw new PackException(file, "cannot read the tokenizer: " + e.getMessage(), e);
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw new PackException(file, "model.vocab must be an object of token -> id (a WordLevel/WordPiece/BPE vocabulary)");
        }
        Map<Integer, String> byId = new HashMap<>();
        int max = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byId.put(e.getValue().asInt(), e.getKey());
            max = Math.max(max, e.getValue().asInt());
        }
        for (JsonNode added : root.path("added_tokens")) {
            byId.put(added.path("id").asInt(), added.path("content").asText());
            max = Math.max(max, added.path("id").asInt());
        }
        String[] tokens = new String[max + 1];
        byId.forEach((id, token) -> tokens[id] = token);
        return new TokenTable(tokens);
    }

    public int size() {
        return tokens.length;
    }

    /** The token of an id; {@code <id N>} for an id the table lacks. */
    public String token(int id) {
        return id >= 0 && id < tokens.length && tokens[id] != null ? tokens[id] : "<id " + id + ">";
    }

    public Optional<Integer> id(String token) {
        return Optional.ofNullable(ids.get(token));
    }

    /** The id of a token the pack cannot work without; a {@link PackException} naming the tokenizer otherwise. */
    public int requireId(String token, String why) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new PackException("tokenizer.json", "token '" + token + "' (" + why + ") is not in the vocabulary");
        }
        return id;
    }
}
