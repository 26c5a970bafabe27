package io.sightline.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A graph input or output: name, element type and shape. A dynamic dimension is {@link #DYNAMIC} in
 * {@code shape} and carries its symbolic name (e.g. "batch", "past_len") in {@code dimNames}; a
 * static dimension has an empty name.
 */
public record TensorSpec(String name, ElementType type, long[] shape, List<String> dimNames) {
    public static final long DYNAMIC = -1;

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
        dimNames = List.copyOf(dimNames);
        if (dimNames.size() != shape.length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + shape.length + " dims but " + dimNames.size() + " dim names");
        }
        for (long d : shape) {
            if (d < DYNAMIC) {
                throw new IllegalArgumentException("tensor '" + name + "': bad dimension " + d + " in " + Arrays.toString(shape));
            }
        }
    }

    /** A spec without symbolic names: every -1 is an anonymous dynamic dimension. */
    public static TensorSpec of(String name, ElementType type, long... shape) {
        return new TensorSpec(name, type, shape, java.util.Collections.nCopies(shape.length, ""));
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public boolean isDynamic(int axis) {
        return shape[axis] == DYNAMIC;
    }

    public boolean hasDynamicDims() {
        return Arrays.stream(shape).anyMatch(d -> d == DYNAMIC);
    }

    /** Whether a concrete shape fits this spec: same rank, equal static dimensions. */
    public boolean accepts(long[] concrete) {
        if (concrete.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != DYNAMIC && shape[i] != concrete[i]) {
                return false;
            }
        }
        return true;
    }

    /** The shape as people read it: {@code [batch, 16]}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (shape[i] == DYNAMIC) {
                sb.append(dimNames.get(i).isEmpty() ? "?" : dimNames.get(i));
            } else {
                sb.append(shape[i]);
            }
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && type == t.type
            && Arrays.equals(shape, t.shape) && dimNames.equals(t.dimNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), dimNames);
    }

    @Override
    public String toString() {
        return name + ":" + type + shapeText();
    }
}
