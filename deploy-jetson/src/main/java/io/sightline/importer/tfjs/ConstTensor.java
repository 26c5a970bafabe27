package io.sightline.importer.tfjs;

import java.util.Arrays;

/**
 * A constant tensor known at conversion time: a weight from the TF.js shards or a value folded from constants.
 * Floats are held as float32, integers and booleans as int64 (row-major, {@code shape} may be empty for a scalar).
 */
public record ConstTensor(ElementType type, long[] shape, float[] floats, long[] longs) {
    public ConstTensor {
        long n = Shapes.size(shape);
        int len = type == ElementType.FLOAT ? floats.length : longs.length;
        if (n != len) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not " + len);
        }
    }

    public static ConstTensor ofFloats(long[] shape, float[] values) {
        return new ConstTensor(ElementType.FLOAT, shape.clone(), values, new long[0]);
    }

    public static ConstTensor ofLongs(ElementType type, long[] shape, long[] values) {
        return new ConstTensor(type, shape.clone(), new float[0], values);
    }

    public int size() {
        return type == ElementType.FLOAT ? floats.length : longs.length;
    }

    /** The value at {@code i} as a double, whatever the type. */
    public double get(int i) {
        return type == ElementType.FLOAT ? floats[i] : longs[i];
    }

    /** The values as ints (an axis, a permutation, a size list); a float tensor is refused. */
    public int[] ints(String where) {
        if (type == ElementType.FLOAT) {
            throw new ImportException(where + ": expected an integer constant, got float");
        }
        return Arrays.stream(longs).mapToInt(Math::toIntExact).toArray();
    }

    public int scalarInt(String where) {
        int[] v = ints(where);
        if (v.length != 1) {
            throw new ImportException(where + ": expected one integer, got " + v.length);
        }
        return v[0];
    }
}
