package io.sightline.runtime.tensorrt;

/** How TensorRT may lower a graph's arithmetic. Part of the engine cache key. */
public enum Precision {
    /** FP32 only (TF32 off): the reference to compare against. */
    FP32,
    /** FP16 where TensorRT finds it faster. */
    FP16,
    /**
     * Explicit quantization: the graph carries QuantizeLinear/DequantizeLinear pairs and TensorRT
     * honours their scales (TensorRT developer guide, "Explicit Quantization"). FP16 is allowed for
     * the layers that stay in floating point.
     */
    INT8_QDQ,
    /**
     * TensorRT 10's implicit quantization from a legacy calibration cache (EntropyCalibration2).
     * Deprecated by NVIDIA and gone in TensorRT 11; kept for FP32 graphs calibrated the old way.
     */
    INT8_CALIBRATION_CACHE;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
