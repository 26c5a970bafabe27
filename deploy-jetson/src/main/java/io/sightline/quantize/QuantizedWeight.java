package io.sightline.quantize;

/**
 * A weight quantized symmetrically to int8 (zero point 0, values in -127..127 as TensorRT requires).
 *
 * @param values int8 values, same layout as the float weight
 * @param scales one per channel along {@code axis}, or one value when axis is -1
 * @param axis   channel axis, -1 for per-tensor
 */
public record QuantizedWeight(byte[] values, float[] scales, int axis) {

    /** Per-channel symmetric quantization: scale_c = max|w_c| / 127 (1 where a channel is all zeros). */
    public static QuantizedWeight of(float[] w, long[] dims, int axis) {
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
            scales[c] = amax[c] > 0 ? amax[c] / 127f : 1f;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            float s = scales[channelOf(i, channels, inner)];
            // round half to even, as QuantizeLinear does (ONNX spec)
            q[i] = (byte) Math.max(-127, Math.min(127, Math.rint(w[i] / s)));
        }
        return new QuantizedWeight(q, scales, axis);
    }

    private static int channelOf(int index, int channels, int inner) {
        return channels == 1 ? 0 : (index / inner) % channels;
    }
}
