package io.sightline.runtime.bench;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic inputs for a graph, built from its specs and a value per symbolic dimension. The fill is
 * the one torch_baseline.py uses, so both runtimes see the same numbers: floats
 * ((i * 2654435761) mod 1000) / 1000 - 0.5, integers (token ids) i mod 7.
 */
public final class BenchInputs {
    private BenchInputs() {
    }

    public static Map<String, Tensor> create(String graph, List<TensorSpec> specs, Map<String, Long> dims) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (TensorSpec spec : specs) {
            long[] shape = concreteShape(graph, spec, dims);
            Tensor t = Tensor.allocate(spec.type(), shape);
            fill(t);
            inputs.put(spec.name(), t);
        }
        return inputs;
    }

    static long[] concreteShape(String graph, TensorSpec spec, Map<String, Long> dims) {
        long[] shape = spec.shape();
        for (int i = 0; i < shape.length; i++) {
            if (spec.isDynamic(i)) {
                String name = spec.dimNames().get(i);
                Long value = dims.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(graph + ": input '" + spec.name() + "' " + spec.shapeText() + " has dynamic dimension "
                        + (name.isEmpty() ? "#" + i + " without a name" : "'" + name + "'") + "; give it a value with --dim " + (name.isEmpty() ? "NAME" : name) + "=N"
                        + " (given: " + dims + ")");
                }
                shape[i] = value;
            }
        }
        return shape;
    }

    static void fill(Tensor t) {
        int n = (int) t.elementCount();
        if (t.type() == ElementType.FLOAT32) {
            var buf = t.floats();
            for (int i = 0; i < n; i++) {
                buf.put(i, (float) ((i * 2654435761L) % 1000) / 1000f - 0.5f);
            }
        } else if (t.type() == ElementType.INT64) {
            var buf = t.longs();
            for (int i = 0; i < n; i++) {
                buf.put(i, i % 7);
            }
        } else {
            var buf = t.bytes();
            for (int i = 0; i < buf.capacity(); i++) {
                buf.put(i, (byte) (i % 7));
            }
        }
    }

    /** The shapes and dtypes as torch_baseline.py's --inputs JSON. */
    static Map<String, Map<String, Object>> describe(Map<String, Tensor> inputs) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        inputs.forEach((name, t) -> out.put(name, Map.of("shape", t.shape(), "dtype", t.type().toString())));
        return out;
    }
}
