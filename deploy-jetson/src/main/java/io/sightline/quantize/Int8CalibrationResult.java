package io.sightline.quantize;

import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.tensorrt.CalibrationCache;

import java.nio.file.Path;
import java.util.List;

/**
 * What a calibration run produced, before anything is written.
 *
 * @param options    the run's settings
 * @param frames     the calibration frames used
 * @param plan       the quantized tensors
 * @param ranges     per activation, in graph order
 * @param int8Model  the QDQ model
 * @param cache      TensorRT calibration cache of the same ranges
 * @param comparison FP32 vs INT8 on the calibration frames
 */
public record Int8CalibrationResult(Int8Options options, List<Path> frames, QuantizationPlan plan, List<TensorRange> ranges,
                                    ModelProto int8Model, CalibrationCache cache, EncoderComparison comparison) {
    public Int8CalibrationResult {
        frames = List.copyOf(frames);
        ranges = List.copyOf(ranges);
    }
}
