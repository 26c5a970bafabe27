package io.sightline.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * A host tensor over a direct, native-order {@link ByteBuffer}, meant to be allocated once and reused
 * across calls. Its capacity is fixed; {@link #reshape} changes the logical shape within it (a decoder's
 * past grows step by step without reallocating). Backends read and write the memory in place: ONNX
 * Runtime wraps it without a copy, TensorRT copies it to and from device buffers.
 */
public final class Tensor {
    private final ElementType type;
    private final ByteBuffer storage;
    private long[] shape;
    private ByteBuffer view;

    private Tensor(ElementType type, ByteBuffer storage, long[] shape) {
        this.type = type;
        this.storage = storage;
        reshape(shape);
    }

    /** A tensor of {@code shape} whose storage holds exactly that many elements. */
    public static Tensor allocate(ElementType type, long... shape) {
        return withCapacity(type, elementCount(shape), shape);
    }

    /** A tensor of {@code shape} whose storage holds up to {@code capacityElements} (for later growth). */
    public static Tensor withCapacity(ElementType type, long capacityElements, long... shape) {
        long bytes = Math.multiplyExact(capacityElements, type.byteSize());
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of " + capacityElements + " " + type + " elements exceeds 2 GiB");
        }
        ByteBuffer storage = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        return new Tensor(type, storage, shape);
    }

    public static Tensor of(float[] values, long... shape) {
        Tensor t = allocate(ElementType.FLOAT32, shape);
        if (values.length != t.elementCount()) {
            throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
        }
        t.floats().put(values);
        return t;
    }

    public static Tensor of(long[] values, long... shape) {
        Tensor t = allocate(ElementType.INT64, shape);
        if (values.length != t.elementCount()) {
            throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
        }
        t.longs().put(values);
        return t;
    }

    public static long elementCount(long... shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("concrete shape expected, got " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Sets the logical shape; the element count must fit the storage. Contents are kept as bytes. */
    public Tensor reshape(long... newShape) {
        long bytes = elementCount(newShape) * type.byteSize();
        if (bytes > storage.capacity()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(newShape) + " needs " + bytes
                + " bytes; this " + type + " tensor holds " + storage.capacity());
        }
        if (shape == null || !Arrays.equals(shape, newShape)) {
            shape = newShape.clone();
            view = storage.duplicate().order(ByteOrder.nativeOrder()).limit((int) bytes).slice().order(ByteOrder.nativeOrder());
        }
        return this;
    }

    public ElementType type() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The shape without a defensive copy, for backends comparing shapes in the hot path. Do not modify. */
    public long[] shapeView() {
        return shape;
    }

    public int rank() {
        return shape.length;
    }

    public long elementCount() {
        return elementCount(shape);
    }

    public long capacityBytes() {
        return storage.capacity();
    }

    /** The bytes of the current shape, position 0; a fresh view object over the same memory. */
    public ByteBuffer bytes() {
        return view.duplicate().order(ByteOrder.nativeOrder());
    }

    public FloatBuffer floats() {
        requireType(ElementType.FLOAT32);
        return bytes().asFloatBuffer();
    }

    public LongBuffer longs() {
        requireType(ElementType.INT64);
        return bytes().asLongBuffer();
    }

    /** A copy of the contents (tests, small outputs). */
    public float[] toFloatArray() {
        float[] out = new float[(int) elementCount()];
        floats().get(out);
        return out;
    }

    private void requireType(ElementType expected) {
        if (type != expected) {
            throw new IllegalStateException("tensor holds " + type + ", not " + expected);
        }
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
