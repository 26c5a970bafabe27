package io.sightline.importer.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a TF.js graph model ({@code model.json}: {@code format: graph-model}, topology, weights manifest). */
public final class TfjsModelReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TfjsModelReader() {
    }

    /**
     * @param json the model.json bytes
     * @param shards the bytes of a shard by its path as the manifest names it (relative to model.json); throws
     *               {@link ImportException} for a missing one
     */
    public static TfjsModel read(byte[] json, String source, Function<String, byte[]> shards) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ImportException(source + ": not JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !"graph-model".equals(root.path("format").asText())) {
            throw new ImportException(source + ": not a TF.js graph model (format is '"
                + (root == null ? "" : root.path("format").asText()) + "', expected 'graph-model')");
        }
        JsonNode nodes = root.path("modelTopology").path("node");
        JsonNode manifest = root.path("weightsManifest");
        if (!nodes.isArray() || nodes.isEmpty() || !manifest.isArray()) {
            throw new ImportException(source + ": no modelTopology.node or weightsManifest");
        }
        List<TfNode> list = new ArrayList<>();
        nodes.forEach(n -> list.add(TfNode.of(n)));
        List<byte[]> groups = new ArrayList<>();
        for (JsonNode group : manifest) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (JsonNode p : group.path("paths")) {
                all.writeBytes(shards.apply(p.asText()));
            }
            groups.add(all.toByteArray());
        }
        JsonNode sig = root.path("signature");
        return new TfjsModel(List.copyOf(list), names(sig.path("inputs")), names(sig.path("outputs")),
            TfjsWeights.decode(manifest, groups));
    }

    private static List<String> names(JsonNode map) {
        List<String> out = new ArrayList<>();
        map.fieldNames().forEachRemaining(out::add);
        return List.copyOf(out);
    }
}
