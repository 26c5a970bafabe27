package io.sightline.calibration.camera;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Typed, validating access to the fields of one small YAML document; every failure is a
 * {@link CameraFileException} naming the file and the field.
 */
final class YamlFields {
    private static final YAMLMapper MAPPER = new YAMLMapper();

    private final Path file;
    private final ObjectNode root;

    private YamlFields(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    static YamlFields read(Path file) {
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new CameraFileException(file, "file not found", e);
        } catch (IOException e) {
            throw new CameraFileException(file, "not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new CameraFileException(file, null, "file is empty");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new CameraFileException(file, null, "expected a mapping of fields at the top level, got " + node.getNodeType());
        }
        return new YamlFields(file, object);
    }

    Path file() {
        return file;
    }

    boolean has(String field) {
        return root.hasNonNull(field);
    }

    JsonNode node(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new CameraFileException(file, field, "missing");
        }
        return n;
    }

    String text(String field) {
        JsonNode n = node(field);
        if (!n.isValueNode() || n.asText().isBlank()) {
            throw new CameraFileException(file, field, "expected a non-empty string, got " + describe(n));
        }
        return n.asText();
    }

    int positiveInt(String field) {
        JsonNode n = node(field);
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() <= 0) {
            throw new CameraFileException(file, field, "expected a positive integer, got " + describe(n));
        }
        return n.intValue();
    }

    double number(String field) {
        return number(node(field), field);
    }

    double number(JsonNode n, String field) {
        if (n.isNumber()) {
            double v = n.doubleValue();
            if (Double.isFinite(v)) {
                return v;
            }
        } else if (n.isTextual()) {
            // YAML 1.1 reads "1e-5" (no dot) as a string; accept any finite decimal written as text.
            try {
                double v = Double.parseDouble(n.asText().trim());
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw new CameraFileException(file, field, "expected a finite number, got " + describe(n));
    }

    /** A nested mapping {@code field: {x: .., y: ..}} read as numbers in the given key order. */
    double[] namedNumbers(String field, String... keys) {
        JsonNode n = node(field);
        if (!n.isObject()) {
            throw new CameraFileException(file, field, "expected a mapping with keys " + String.join(", ", keys) + ", got " + describe(n));
        }
        double[] out = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            JsonNode v = n.get(keys[i]);
            if (v == null || v.isNull()) {
                throw new CameraFileException(file, field + "." + keys[i], "missing");
            }
            out[i] = number(v, field + "." + keys[i]);
        }
        return out;
    }

    /** A ROS matrix {@code {rows: R, cols: C, data: [...]}} that must be rows x cols as given. */
    double[] matrix(String field, int rows, int cols) {
        JsonNode n = node(field);
        if (!n.isObject()) {
            throw new CameraFileException(file, field, "expected a matrix {rows, cols, data}, got " + describe(n));
        }
        int r = nestedInt(n, field, "rows");
        int c = nestedInt(n, field, "cols");
        if (r != rows || c != cols) {
            throw new CameraFileException(file, field, "expected a " + rows + "x" + cols + " matrix, got rows=" + r + " cols=" + c);
        }
        JsonNode data = n.get("data");
        if (data == null || !data.isArray()) {
            throw new CameraFileException(file, field + ".data", data == null ? "missing" : "expected a list of numbers, got " + describe(data));
        }
        if (data.size() != rows * cols) {
            throw new CameraFileException(file, field + ".data",
                "expected " + rows * cols + " numbers for a " + rows + "x" + cols + " matrix, got " + data.size());
        }
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(data.get(i), field + ".data[" + i + "]");
        }
        return out;
    }

    private int nestedInt(JsonNode parent, String field, String key) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            throw new CameraFileException(file, field + "." + key, "missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new CameraFileException(file, field + "." + key, "expected an integer, got " + describe(v));
        }
        return v.intValue();
    }

    static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "'" + n.asText() + "'";
        }
        if (n.isContainerNode()) {
            return n.isArray() ? "a list" : "a mapping";
        }
        return n.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * A double in a form YAML 1.1 readers (SnakeYAML, PyYAML, yaml-cpp) all read back as the same float:
     * Java's shortest round-trip digits, with an explicit exponent sign.
     */
    static String formatNumber(double v) {
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        String exponent = s.substring(e + 1);
        return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }
}
