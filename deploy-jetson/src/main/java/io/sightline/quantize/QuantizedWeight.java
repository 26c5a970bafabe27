package io.sightline.quantize;

/**
 * A weight quantized symmetrically to int8 (zero point 0, values in -127..127 as TensorRT requires, or in -63..63:
 * {@link #REDUCED_LIMIT}).
 *
 * @param values int8 values, same layout as the float weight
 * @param scales one per channel along {@code axis}, or one value when axis is -1
 * @param axis   channel axis, -1 for per-tensor
 */
public record QuantizedWeight(byte[] values, float[] scales, int axis) {
    /** The full symmetric int8 range TensorRT's explicit quantization takes. */
    public static final int FULL_LIMIT = 127;
    /**
     * Seven bits, ONNX Runtime's {@code reduce_range}: on x86 CPUs without VNNI its u8 x s8 kernels add pairs of
     * products with VPMADDUBSW, which saturates at 32767 once |w| > 64 meets activations near 255 (measured: a
     * QLinearConv's output cosine to FP32 0.918 on such a CPU against > 0.98 with VNNI).
     */
    public static final int REDUCED_LIMIT = 63;

    /** Per-channel symmetric quantization over the full range: {@link #of(float[], long[], int, int)} with {@link #FULL_LIMIT}. */
    public static QuantizedWeight of(float[] w, long[] dims, int axis) {
        return of(w, dims, axis, FULL_LIMIT);
    }

    /** Per-channel symmetric quantization: scale_c = max|w_c| / limit (1 where a channel is all zeros). */
    public static QuantizedWeight of(float[] w, long[] dims, int axis, int limit) {
        if (limit < 1 || limit > FULL_LIMIT) {
            throw new IllegalArgumentException("int8 weight limit must be in 1..127, got " + limit);
        }
        int channels;
        int inner; // elements after the axis
        if (axis < 0) {
            channels = 1;
            inner = w.length;
        } else {
            if (axis >= dims.length) {
                throw new IllegalArgumentException("weight axis " + axis + " out of range for rank " + dims.length);
            }
            channels = (int) dims[axis];
            long in = 1;
            for (int d = axis + 1; d < dims.length; d++) {
                in *= dims[d];
            }
            inner = (int) in;
        }
        float[] amax = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = channelOf(i, channels, inner);
            amax[c] = Math.max(amax[c], Math.abs(w[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = amax[c] > 0 ? amax[c] / limit : 1f;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            float s = scales[channelOf(i, channels, inner)];
            // round half to even, as QuantizeLinear does (ONNX spec)
            q[i] = (byte) Math.max(-limit, Math.min(limit, Math.rint(w[i] / s)));
        }
        return new QuantizedWeight(q, scales, axis);
    }

    private static int channelOf(int index, int channels, int inner) {
        return channels == 1 ? 0 : (index / inner) % channels;
    }
}
