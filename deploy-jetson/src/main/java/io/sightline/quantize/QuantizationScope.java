package io.sightline.quantize;

import java.util.List;
import java.util.Locale;

/**
 * Which quantizable ops get QDQ. Measured on the budget pack's encoder (ORT 1.29 CPU, 1 thread): Conv with QDQ
 * inputs only runs as float Conv plus Q/DQ in ONNX Runtime (its QLinearConv fusion needs an int32 bias, which
 * TensorRT's DequantizeLinear does not take), and the attention products (two activations, 192x192x32 per head)
 * are too small for the int8 kernels to pay for their QuantizeLinear — so {@link #MATMUL} is the fast form on CPU
 * and {@link #ALL} the widest for TensorRT. {@link #FUSED} is the form ONNX Runtime CPU runs as QLinearConv: it also
 * quantizes each Conv's bias (int32, scale = input scale x weight scale per channel) and output, which is what its QDQ
 * Conv fusion needs (every input from a DequantizeLinear, the output read only by a QuantizeLinear).
 *
 * @param activationProducts MatMuls of two activations (attention scores and context), not only weight MatMuls
 * @param convs              Conv inputs and weights
 * @param convOutputs        also each quantized Conv's bias (int32) and output (ONNX Runtime CPU's QLinearConv form)
 * @param excluded           node-name prefixes kept in float (TensorRT's and ONNX Runtime's mixed precision: layers
 *                           too sensitive for int8, e.g. {@code /projector/}, whose GELU output the entropy range clips
 *                           from 6.4 to 0.8 and whose features the decoder grounds on)
 */
public record QuantizationScope(boolean activationProducts, boolean convs, boolean convOutputs, List<String> excluded) {
    /** Every input of every MatMul, Gemm and Conv. */
    public static final QuantizationScope ALL = new QuantizationScope(true, true, false, List.of());
    /** MatMul/Gemm with a weight initializer, and Conv. */
    public static final QuantizationScope WEIGHTED = new QuantizationScope(false, true, false, List.of());
    /** MatMul/Gemm with a weight initializer only. */
    public static final QuantizationScope MATMUL = new QuantizationScope(false, false, false, List.of());
    /** {@link #WEIGHTED} plus every quantized Conv's int32 bias and output: QLinearConv on ONNX Runtime CPU. */
    public static final QuantizationScope FUSED = new QuantizationScope(false, true, true, List.of());

    public QuantizationScope {
        excluded = List.copyOf(excluded);
        if (excluded.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("an excluded node-name prefix is blank");
        }
        if (convOutputs && !convs) {
            throw new IllegalArgumentException("Conv outputs can only be quantized with the Conv inputs");
        }
    }

    /** This scope with the nodes whose names start with one of {@code prefixes} left in float. */
    public QuantizationScope excluding(List<String> prefixes) {
        return new QuantizationScope(activationProducts, convs, convOutputs, prefixes);
    }

    /** True when {@code nodeName} stays in float. */
    public boolean excludes(String nodeName) {
        return excluded.stream().anyMatch(nodeName::startsWith);
    }

    public static QuantizationScope parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> ALL;
            case "weighted" -> WEIGHTED;
            case "matmul" -> MATMUL;
            case "fused" -> FUSED;
            default -> throw new IllegalArgumentException("quantization scope must be all, weighted, matmul or fused, got '" + text + "'");
        };
    }

    /** "matmul", "all", ...; with exclusions "matmul excluding /projector/". */
    public String id() {
        String base = convOutputs ? (activationProducts ? "all+fused" : "fused")
            : activationProducts ? (convs ? "all" : "matmul+attention") : (convs ? "weighted" : "matmul");
        return excluded.isEmpty() ? base : base + " excluding " + String.join(", ", excluded);
    }
}
