package io.sightline.quantize;

/**
 * A float initializer that feeds a quantizable op and is quantized per channel.
 *
 * @param initializer the initializer's name
 * @param axis        the output-channel axis the scales run along (Conv W: 0; MatMul B [K,N]: 1; Gemm B: 0 with transB)
 */
public record WeightQuantization(String initializer, int axis) {
}
