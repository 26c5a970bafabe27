package io.sightline.runtime.tensorrt;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the TensorRT backend builds and caches engines.
 *
 * @param precision        FP32, FP16, INT8 from QDQ graphs, or INT8 from a legacy calibration cache
 * @param engineCache      folder for serialized engines (created on demand)
 * @param dimensionRanges  a range for every symbolic dimension of the graphs' inputs, e.g. batch=1..1..1, past_len=0..64..128
 * @param calibrationCache the calibration cache file, required for {@link Precision#INT8_CALIBRATION_CACHE}
 * @param workspaceBytes   TensorRT's workspace memory pool limit
 */
public record TensorRtOptions(Precision precision, Path engineCache, Map<String, DimRange> dimensionRanges,
                              Optional<Path> calibrationCache, long workspaceBytes) {
    public TensorRtOptions {
        dimensionRanges = Map.copyOf(dimensionRanges);
        if (precision == Precision.INT8_CALIBRATION_CACHE && calibrationCache.isEmpty()) {
            throw new IllegalArgumentException("tensorrt precision " + precision.key() + " needs a calibration cache file");
        }
        if (workspaceBytes <= 0) {
            throw new IllegalArgumentException("tensorrt workspace must be positive, got " + workspaceBytes);
        }
    }

    public static TensorRtOptions of(Precision precision, Path engineCache, Map<String, DimRange> dimensionRanges) {
        return new TensorRtOptions(precision, engineCache, dimensionRanges, Optional.empty(), 1L << 30);
    }
}
