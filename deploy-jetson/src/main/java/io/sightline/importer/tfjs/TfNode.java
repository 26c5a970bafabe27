package io.sightline.importer.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** One node of a TF.js GraphDef ({@code modelTopology.node[]}): its op, inputs (control inputs dropped) and attrs. */
public record TfNode(String name, String op, List<String> inputs, JsonNode attr) {
    public static TfNode of(JsonNode json) {
        List<String> inputs = new ArrayList<>();
        for (JsonNode i : json.path("input")) {
            if (!i.asText().startsWith("^")) {
                inputs.add(i.asText());
            }
        }
        return new TfNode(json.path("name").asText(), json.path("op").asText(), List.copyOf(inputs), json.path("attr"));
    }

    /** "op 'Conv2D' node 'a/b'": how errors name a node. */
    public String where() {
        return "op '" + op + "' node '" + name + "'";
    }

    public String input(int i) {
        if (i >= inputs.size()) {
            throw new ImportException(where() + ": expected at least " + (i + 1) + " inputs, has " + inputs.size());
        }
        return inputs.get(i);
    }

    /** A string attr (GraphDef JSON holds bytes as base64). */
    public Optional<String> string(String key) {
        JsonNode s = attr.path(key).path("s");
        return s.isMissingNode() ? Optional.empty()
            : Optional.of(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
    }

    public boolean bool(String key, boolean absent) {
        JsonNode b = attr.path(key).path("b");
        return b.isMissingNode() ? absent : b.asBoolean();
    }

    public float floatAttr(String key, float absent) {
        JsonNode f = attr.path(key).path("f");
        return f.isMissingNode() ? absent : (float) f.asDouble();
    }

    public Optional<Long> intAttr(String key) {
        JsonNode i = attr.path(key).path("i");
        return i.isMissingNode() ? Optional.empty() : Optional.of(i.asLong());
    }

    /** An int list attr; empty when absent. */
    public long[] ints(String key) {
        JsonNode list = attr.path(key).path("list").path("i");
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asLong();
        }
        return out;
    }
}
