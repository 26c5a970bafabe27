package io.sightline.runtime.tensorrt;

import io.sightline.runtime.InputMismatchException;
import io.sightline.runtime.TensorSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The min/opt/max shape of every graph input for one TensorRT optimisation profile, derived from the
 * graph's symbolic dimensions and a range per dimension name ("batch" 1..1..1, "past_len" 0..64..128).
 * A dimension name shared by several inputs (past_key, past_value) gets the same range everywhere,
 * which is what the graph means by sharing the name.
 */
public final class ShapePlan {
    /** min, opt and max of one input. */
    public record Profile(long[] min, long[] opt, long[] max) {
    }

    private final Map<String, Profile> profiles;
    private final Map<String, DimRange> ranges;

    private ShapePlan(Map<String, Profile> profiles, Map<String, DimRange> ranges) {
        this.profiles = profiles;
        this.ranges = ranges;
    }

    /**
     * @throws IllegalArgumentException when a dynamic dimension has no name or no range, or a range names
     *                                  no dynamic dimension of these inputs (a typo in configuration)
     */
    public static ShapePlan of(String graph, List<TensorSpec> inputs, Map<String, DimRange> ranges) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (TensorSpec spec : inputs) {
            long[] min = spec.shape();
            long[] opt = spec.shape();
            long[] max = spec.shape();
            for (int axis = 0; axis < spec.rank(); axis++) {
                if (!spec.isDynamic(axis)) {
                    continue;
                }
                String dim = spec.dimNames().get(axis);
                DimRange range = dim.isEmpty() ? null : ranges.get(dim);
                if (range == null) {
                    throw new IllegalArgumentException(graph + ": input '" + spec.name() + "' " + spec.shapeText() + " axis " + axis
                        + (dim.isEmpty() ? " is dynamic without a name; TensorRT needs a range for it"
                                         : " is dynamic ('" + dim + "'); give a range for '" + dim + "'")
                        + " (ranges given: " + ranges.keySet() + ")");
                }
                used.add(dim);
                min[axis] = range.min();
                opt[axis] = range.opt();
                max[axis] = range.max();
            }
            profiles.put(spec.name(), new Profile(min, opt, max));
        }
        for (String name : ranges.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException(graph + ": range for '" + name + "' matches no dynamic dimension of " + inputs);
            }
        }
        return new ShapePlan(profiles, new TreeMap<>(ranges));
    }

    public Profile profile(String input) {
        Profile p = profiles.get(input);
        if (p == null) {
            throw new IllegalArgumentException("no profile for input '" + input + "'; inputs are " + profiles.keySet());
        }
        return p;
    }

    public Set<String> inputs() {
        return profiles.keySet();
    }

    /** Fails unless {@code shape} lies inside the profile of {@code input} (TensorRT would refuse it later, less clearly). */
    public void requireInside(String graph, String input, long[] shape) {
        Profile p = profile(input);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < p.min()[i] || shape[i] > p.max()[i]) {
                throw new InputMismatchException(input, graph + ": input '" + input + "' shape " + Arrays.toString(shape)
                    + " is outside the engine's profile " + Arrays.toString(p.min()) + ".." + Arrays.toString(p.max())
                    + "; rebuild the engine with a wider range");
            }
        }
    }

    /** A stable text of the ranges, part of the engine cache key: {@code batch=1..1..4,past_len=0..64..128}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        ranges.forEach((name, r) -> sb.append(sb.length() == 0 ? "" : ",").append(name).append('=').append(r));
        return sb.length() == 0 ? "static" : sb.toString();
    }
}
