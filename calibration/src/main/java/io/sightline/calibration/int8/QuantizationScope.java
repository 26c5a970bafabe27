package io.sightline.calibration.int8;

import java.util.Locale;

/**
 * Which quantizable ops get QDQ. Measured on the budget pack's encoder (ORT 1.29 CPU, 1 thread): Conv with QDQ
 * inputs only runs as float Conv plus Q/DQ in ONNX Runtime (its QLinearConv fusion needs an int32 bias, which
 * TensorRT's DequantizeLinear does not take), and the attention products (two activations, 192x192x32 per head)
 * are too small for the int8 kernels to pay for their QuantizeLinear — so {@link #MATMUL} is the fast form on CPU
 * and {@link #ALL} the widest for TensorRT.
 *
 * @param activationProducts MatMuls of two activations (attention scores and context), not only weight MatMuls
 * @param convs              Conv inputs and weights
 */
public record QuantizationScope(boolean activationProducts, boolean convs) {
    /** Every input of every MatMul, Gemm and Conv. */
    public static final QuantizationScope ALL = new QuantizationScope(true, true);
    /** MatMul/Gemm with a weight initializer, and Conv. */
    public static final QuantizationScope WEIGHTED = new QuantizationScope(false, true);
    /** MatMul/Gemm with a weight initializer only. */
    public static final QuantizationScope MATMUL = new QuantizationScope(false, false);

    public static QuantizationScope parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> ALL;
            case "weighted" -> WEIGHTED;
            case "matmul" -> MATMUL;
            default -> throw new IllegalArgumentException("quantization scope must be all, weighted or matmul, got '" + text + "'");
        };
    }

    public String id() {
        if (activationProducts) {
            return convs ? "all" : "matmul+attention";
        }
        return convs ? "weighted" : "matmul";
    }
}
