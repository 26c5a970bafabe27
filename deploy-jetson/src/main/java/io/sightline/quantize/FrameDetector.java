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
import org.bytedeco.opencv.opencv_core.Mat;

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
     * @param encoderGraph the FP32 image graph or a candidate INT8 one; checked against the manifest's tensors of that graph
     * @throws Int8CalibrationException when the pack has no detection head (dense or GFL)
     */
    FrameDetector(PackManifest manifest, Path encoderGraph, OnnxRuntimeOptions onnx) {
        this.decoder = DetectionDecoder.forPack(manifest, Optional.empty()).orElseThrow(() -> new Int8CalibrationException(
            "manifest.json of pack '" + manifest.name() + "' has no detection head; the detection guards cannot run"
                + " — use the scene evaluator (--guard evaluation) instead"));
        InferenceSession session = new OnnxRuntimeBackend(onnx).open(encoderGraph);
        try {
            GraphCheck.check(manifest.graph(manifest.imageGraphRole()), encoderGraph.getFileName().toString(), session);
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

    /** Detections of an image read from a file, boxes in its pixels ({@code sightline detect}'s steps). */
    List<Detection> detect(long seq, Mat bgr) {
        return decoder.decode(encoder.encode(seq, bgr));
    }

    @Override
    public void close() {
        encoder.close();
    }
}
