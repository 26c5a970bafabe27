package io.sightline.quantize;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.detect.DetectionDecoder;
import io.sightline.perception.pack.GraphCheck;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.source.Frame;
import io.sightline.perception.vision.VisionEncoder;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Detections of one vision-encoder graph, computed as the service computes them: the pack's {@link VisionEncoder}
 * (its {@code ImagePreprocessor}, the graph on ONNX Runtime) and the pack's {@link DetectionDecoder} at the pack's
 * operating point ({@link DetectionDecoder#forPack}, as {@code VlmModel} builds it). The accuracy guard runs one
 * per encoder, so what it certifies is what ships. Not thread-safe; closes its session.
 */
final class FrameDetector implements AutoCloseable {
    private final VisionEncoder encoder;
    private final DetectionDecoder decoder;

    /**
     * @param encoderGraph the FP32 encoder or a candidate INT8 one; checked against the manifest's encoder tensors
     * @throws Int8CalibrationException when the pack has no dense head
     */
    FrameDetector(PackManifest manifest, Path encoderGraph, OnnxRuntimeOptions onnx) {
        this.decoder = DetectionDecoder.forPack(manifest, Optional.empty()).orElseThrow(() -> new Int8CalibrationException(
            "manifest.json of pack '" + manifest.name() + "' has no dense_head; the dense-head agreement check cannot run"
                + " — use the scene evaluator (--guard evaluation) instead"));
        InferenceSession session = new OnnxRuntimeBackend(onnx).open(encoderGraph);
        try {
            GraphCheck.check(manifest.graph(PackManifest.VISION_ENCODER), encoderGraph.getFileName().toString(), session);
            this.encoder = new VisionEncoder(session, manifest);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Detections of a frame, boxes in its sensor pixels: {@code PerceptionPipeline}'s encode and decode steps. */
    List<Detection> detect(Frame frame) {
        return decoder.decode(encoder.encode(frame));
    }

    @Override
    public void close() {
        encoder.close();
    }
}
