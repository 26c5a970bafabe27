package io.sightline.quantize;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one INT8 calibration run.
 *
 * @param pack            model pack folder (manifest.json and the image graph)
 * @param graph           the FP32 image graph's file in the pack: the vision encoder, or a detection-only pack's detector
 * @param comparedOutput  the graph output whose FP32/INT8 cosine the report gives (the graph's first output)
 * @param scenes          what calibrates: recorded scenes, folders of scenes, or labelled image sets (a folder with
 *                        {@code labels.jsonl}, of which the validation split is read: {@link CalibrationFrames})
 * @param method          range method
 * @param percentile      for PERCENTILE, in (0, 100]
 * @param frames          calibration frames, evenly spread over the scenes
 * @param threads         ONNX Runtime intra-op threads, for calibration and for the FP32/INT8 timing
 * @param tensorRtVersion number written in the calibration cache header (e.g. 100300 for TensorRT 10.3)
 * @param timedRounds     timing rounds over the frames per model
 * @param scope           which ops get QDQ
 */
public record Int8Options(Path pack, String graph, String comparedOutput, List<Path> scenes, RangeMethod method, double percentile, int frames, int threads,
                          int tensorRtVersion, int timedRounds, QuantizationScope scope) {
    public static final String ENCODER = "vision_encoder.onnx";
    /** The INT8 graph's name for every pack kind: the one {@code ModelPack} and {@code precision: int8} load. */
    public static final String INT8_ENCODER = "vision_encoder_int8.onnx";
    public static final String CALIBRATION_CACHE = "vision_encoder_int8.calib";
    public static final String COMPARED_OUTPUT = "image_features";

    /** A pack whose image graph is {@value #ENCODER} with output {@value #COMPARED_OUTPUT} (the VLM packs). */
    public Int8Options(Path pack, List<Path> scenes, RangeMethod method, double percentile, int frames, int threads,
                       int tensorRtVersion, int timedRounds, QuantizationScope scope) {
        this(pack, ENCODER, COMPARED_OUTPUT, scenes, method, percentile, frames, threads, tensorRtVersion, timedRounds, scope);
    }

    public Int8Options {
        scenes = List.copyOf(scenes);
        if (graph.isBlank() || comparedOutput.isBlank()) {
            throw new IllegalArgumentException("the image graph file and the compared output must be named");
        }
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
