package io.sightline.transport.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link SightlineConfig} in layers, later ones winning: the built-in defaults, the YAML file,
 * environment variables, then explicit overrides (CLI flags). Every key has an environment name:
 * {@code SIGHTLINE_} + the key path upper-cased with '.' as '_', e.g. {@code mqtt.tls.trust_store} ->
 * {@code SIGHTLINE_MQTT_TLS_TRUST_STORE}. Unknown keys in the file or in overrides are errors that name
 * the key; unknown SIGHTLINE_* variables are ignored (the launcher uses a few for itself).
 */
public final class ConfigLoader {
    private static final String DEFAULTS = "defaults.yaml";
    private static final String ENV_PREFIX = "SIGHTLINE_";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper binder = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The defaults only. */
    public SightlineConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * @param file      YAML file, or null for none
     * @param env       environment (normally {@code System.getenv()})
     * @param overrides key path ("mqtt.url") to value, applied last
     */
    public SightlineConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        ObjectNode tree = readDefaults();
        Map<String, String> keysByEnvName = new LinkedHashMap<>();
        leafPaths(tree, "").forEach(p -> keysByEnvName.put(ENV_PREFIX + p.replace('.', '_').toUpperCase(Locale.ROOT), p));

        String origin = "defaults";
        if (file != null) {
            origin = file.toString();
            JsonNode fromFile = readFile(file);
            if (fromFile != null && !fromFile.isNull()) {
                if (!fromFile.isObject()) {
                    throw new ConfigException(file + ": expected a mapping at the top level");
                }
                merge(tree, (ObjectNode) fromFile, "", file.toString());
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String key = keysByEnvName.get(e.getKey());
            if (key != null) {
                set(tree, key, e.getValue(), "environment " + e.getKey());
            }
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (e.getValue() != null) {
                set(tree, e.getKey(), e.getValue(), "override " + e.getKey());
            }
        }
        try {
            return binder.treeToValue(tree, SightlineConfig.class);
        } catch (JsonProcessingException ex) {
            throw new ConfigException(origin + ": " + describe(ex), ex);
        } catch (IllegalArgumentException ex) {
            if (ex.getCause() instanceof ConfigException c) {
                throw new ConfigException(origin + ": " + c.getMessage(), c);
            }
            throw ex;
        }
    }

    /** Every key path the configuration knows, e.g. "mqtt.tls.trust_store". */
    public List<String> keys() {
        return leafPaths(readDefaults(), "");
    }

    private static String describe(JsonProcessingException ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            if (root.getCause() instanceof ConfigException c) {
                return c.getMessage();
            }
            root = root.getCause();
        }
        return ex.getOriginalMessage();
    }

    private ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULTS + " missing from the transport jar");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": configuration file not found");
        }
        try {
            return yaml.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode into, ObjectNode from, String prefix, String origin) {
        for (Map.Entry<String, JsonNode> f : from.properties()) {
            String path = prefix + f.getKey();
            JsonNode existing = into.get(f.getKey());
            if (existing == null) {
                throw new ConfigException(origin + ": unknown key '" + path + "'");
            }
            if (existing.isObject()) {
                if (!f.getValue().isObject()) {
                    throw new ConfigException(origin + ": '" + path + "' must be a mapping");
                }
                merge((ObjectNode) existing, (ObjectNode) f.getValue(), path + ".", origin);
            } else {
                into.set(f.getKey(), f.getValue());
            }
        }
    }

    private static void set(ObjectNode tree, String path, String value, String origin) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                throw new ConfigException(origin + ": unknown key '" + path + "'");
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (!node.has(leaf) || node.get(leaf).isObject()) {
            throw new ConfigException(origin + ": unknown key '" + path + "'");
        }
        node.set(leaf, TextNode.valueOf(value));
    }

    private static List<String> leafPaths(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        node.properties().forEach(f -> {
            if (f.getValue().isObject()) {
                out.addAll(leafPaths(f.getValue(), prefix + f.getKey() + "."));
            } else {
                out.add(prefix + f.getKey());
            }
        });
        return out;
    }
}
