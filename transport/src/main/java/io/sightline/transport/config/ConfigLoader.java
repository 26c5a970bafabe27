package io.sightline.transport.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a configuration record {@code T} in layers, later ones winning: the built-in defaults of each section,
 * the YAML file, environment variables, then explicit overrides (CLI flags). Every key has an environment name:
 * {@code SIGHTLINE_} + the key path upper-cased with '.' as '_', e.g. {@code mqtt.tls.trust_store} ->
 * {@code SIGHTLINE_MQTT_TLS_TRUST_STORE}. Unknown keys in the file or in overrides are errors that name
 * the key; unknown SIGHTLINE_* variables are ignored (the launcher uses a few for itself). Enum values are
 * read case-insensitively; an unknown one names the key and the allowed values.
 *
 * <p>Each module brings the defaults of the sections it owns as a YAML resource (transport: {@code mqtt},
 * {@link #MQTT_DEFAULTS}); the service's root configuration, bound where the service is assembled, adds its own.
 *
 * @param <T> the root record, one component per top-level section
 */
public final class ConfigLoader<T> {
    /** Transport's section: the {@code mqtt} mapping with every key at its default. */
    public static final String MQTT_DEFAULTS = "mqtt-defaults.yaml";
    private static final String ENV_PREFIX = "SIGHTLINE_";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Only the {@code mqtt} section (transport's tests and tools that read nothing else). */
    public record MqttOnly(MqttConfig mqtt) {
    }

    private final Class<T> type;
    private final ObjectNode defaults;

    private final ObjectMapper binder = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * @param type     the root record
     * @param sections each top-level section's defaults (a mapping), in the order keys are listed
     */
    public ConfigLoader(Class<T> type, Map<String, ObjectNode> sections) {
        this.type = type;
        this.defaults = YAML.createObjectNode();
        sections.forEach(defaults::set);
    }

    /** A loader of the {@code mqtt} section alone. */
    public static ConfigLoader<MqttOnly> mqttOnly() {
        return new ConfigLoader<>(MqttOnly.class, Map.of("mqtt", mqttDefaults()));
    }

    /** Transport's {@code mqtt} section defaults. */
    public static ObjectNode mqttDefaults() {
        return section(ConfigLoader.class, MQTT_DEFAULTS, "mqtt");
    }

    /**
     * The mapping under {@code key} of a YAML resource next to {@code anchor}.
     *
     * @throws IllegalStateException when the resource or the key is missing (a packaging error)
     */
    public static ObjectNode section(Class<?> anchor, String resource, String key) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing next to " + anchor.getName());
            }
            JsonNode node = YAML.readTree(in).get(key);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("resource " + resource + " has no mapping '" + key + "'");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults only. */
    public T defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * @param file      YAML file, or null for none
     * @param env       environment (normally {@code System.getenv()})
     * @param overrides key path ("mqtt.url") to value, applied last
     */
    public T load(Path file, Map<String, String> env, Map<String, String> overrides) {
        ObjectNode tree = readDefaults();
        Map<String, String> keysByEnvName = new LinkedHashMap<>();
        leafPaths(tree, "").forEach(p -> keysByEnvName.put(ENV_PREFIX + p.replace('.', '_').toUpperCase(Locale.ROOT), p));

        String origin = "configuration"; // the file when one is given; defaults, environment and flags otherwise
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
            return binder.treeToValue(tree, type);
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
        if (ex instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String key = f.getPath().stream().map(r -> r.getFieldName()).collect(Collectors.joining("."));
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            return key + ": '" + f.getValue() + "' is not one of " + allowed;
        }
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
        return defaults.deepCopy();
    }

    private JsonNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": configuration file not found");
        }
        try {
            return YAML.readTree(file.toFile());
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
