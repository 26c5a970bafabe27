package io.sightline.perception.scene;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of a parsed JSON tree that records every problem instead of stopping at
 * the first, so that the validator can report all of them and the reader can report the first.
 * Accessors return a neutral value (NaN, 0, null) after recording a problem; callers check
 * {@link #hasProblems()} before building records.
 */
final class JsonFields {
    /** One problem at a JSON path such as {@code objects[2].box[3]}. */
    record FieldProblem(String field, String message) {}

    private final List<FieldProblem> problems = new ArrayList<>();

    List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The member {@code name} of an object node; records "missing" (or "must not be null") when absent. */
    JsonNode member(JsonNode parent, String parentPath, String name, boolean nullable) {
        if (parent == null) {
            return null;
        }
        JsonNode n = parent.get(name);
        if (n == null || n.isMissingNode()) {
            problem(path(parentPath, name), "missing");
            return null;
        }
        if (n.isNull() && !nullable) {
            problem(path(parentPath, name), "must not be null");
            return null;
        }
        return n.isNull() ? null : n;
    }

    JsonNode object(JsonNode parent, String parentPath, String name, boolean nullable) {
        JsonNode n = member(parent, parentPath, name, nullable);
        if (n != null && !n.isObject()) {
            problem(path(parentPath, name), "must be an object, got " + preview(n));
            return null;
        }
        return n;
    }

    JsonNode array(JsonNode parent, String parentPath, String name) {
        JsonNode n = member(parent, parentPath, name, false);
        if (n != null && !n.isArray()) {
            problem(path(parentPath, name), "must be an array, got " + preview(n));
            return null;
        }
        return n;
    }

    double number(JsonNode parent, String parentPath, String name) {
        return number(member(parent, parentPath, name, false), path(parentPath, name));
    }

    double number(JsonNode n, String field) {
        if (n == null) {
            return Double.NaN;
        }
        if (!n.isNumber()) {
            problem(field, "must be a number, got " + preview(n));
            return Double.NaN;
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            problem(field, "must be a finite number, got " + n.asText());
            return Double.NaN;
        }
        return v;
    }

    /** A fixed-length array of finite numbers, e.g. a box or a position. */
    double[] numbers(JsonNode parent, String parentPath, String name, int length) {
        String field = path(parentPath, name);
        JsonNode n = array(parent, parentPath, name);
        double[] out = new double[length];
        java.util.Arrays.fill(out, Double.NaN);
        if (n == null) {
            return out;
        }
        if (n.size() != length) {
            problem(field, "must have " + length + " numbers, got " + n.size());
            return out;
        }
        for (int i = 0; i < length; i++) {
            out[i] = number(n.get(i), path(field, i));
        }
        return out;
    }

    int integer(JsonNode parent, String parentPath, String name) {
        JsonNode n = member(parent, parentPath, name, false);
        if (n == null) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            problem(path(parentPath, name), "must be an integer in 32-bit range, got " + preview(n));
            return 0;
        }
        return n.intValue();
    }

    /** An optional integer: the member must be present, and may be null. */
    Integer nullableInteger(JsonNode parent, String parentPath, String name) {
        JsonNode n = member(parent, parentPath, name, true);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            problem(path(parentPath, name), "must be an integer or null, got " + preview(n));
            return null;
        }
        return n.intValue();
    }

    long longInteger(JsonNode parent, String parentPath, String name) {
        JsonNode n = member(parent, parentPath, name, false);
        if (n == null) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            problem(path(parentPath, name), "must be an integer in 64-bit range, got " + preview(n));
            return 0;
        }
        return n.longValue();
    }

    String text(JsonNode parent, String parentPath, String name) {
        JsonNode n = member(parent, parentPath, name, false);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            problem(path(parentPath, name), "must be a string, got " + preview(n));
            return null;
        }
        if (n.asText().isBlank()) {
            problem(path(parentPath, name), "must not be blank");
            return null;
        }
        return n.asText();
    }

    boolean bool(JsonNode parent, String parentPath, String name) {
        JsonNode n = member(parent, parentPath, name, false);
        if (n == null) {
            return false;
        }
        if (!n.isBoolean()) {
            problem(path(parentPath, name), "must be true or false, got " + preview(n));
            return false;
        }
        return n.booleanValue();
    }

    static String preview(JsonNode n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
