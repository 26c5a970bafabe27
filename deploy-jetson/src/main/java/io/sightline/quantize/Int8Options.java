package io.sightline.quantize;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one INT8 calibration run.
 *
 * @param pack            model pack folder (manifest.json, vision_encoder.onnx)
 * @param scenes          recorded scenes (or folders of scenes) whose frames calibrate
 * @param method          range method
 * @param percentile      for PERCENTILE, in (0, 100]
 * @param frames          calibration frames, evenly spread over the scenes
 * @param threads         ONNX Runtime intra-op threads, for calibration and for the FP32/INT8 timing
 * @param tensorRtVersion number written in the calibration cache header (e.g. 100300 for TensorRT 10.3)
 * @param timedRounds     timing rounds over the frames per model
 * @param scope           which ops get QDQ
 */
public record Int8Options(Path pack, List<Path> scenes, RangeMethod method, double percentile, int frames, int threads,
                          int tensorRtVersion, int timedRounds, QuantizationScope scope) {
    public static final String ENCODER = "vision_encoder.onnx";
    public static final String INT8_ENCODER = "vision_encoder_int8.onnx";
    public static final String CALIBRATION_CACHE = "vision_encoder_int8.calib";
    public static final String COMPARED_OUTPUT = "image_features";

    public Int8Options {
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("at least one scene directory is needed to calibrate on");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (frames <= 0) {
            throw new IllegalArgumentException("frames must be > 0, got " + frames);
        }
        if (threads < 0 || timedRounds < 1) {
            throw new IllegalArgumentException("threads must be >= 0 and timed rounds >= 1, got " + threads + " and " + timedRounds);
        }
    }
}
