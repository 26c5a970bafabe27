package io.sightline.quantize;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.scene.FrameImages;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.scenes.eval.CocoDetectionEvaluator;
import io.sightline.scenes.eval.DetectionFrame;
import io.sightline.scenes.eval.DetectionMetrics;
import io.sightline.scenes.eval.ScoredBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The INT8 guard of a detection-only pack on hand-labelled photos: the FP32 and the candidate INT8 graph each
 * detect on the validation images ({@link FrameDetector}: the pack's preprocessing and {@code DetectionDecoder}),
 * {@link CocoDetectionEvaluator} scores both against the labels, and INT8 passes when mAP@0.5 drops by at most
 * {@code maxMapDropPoints} (percentage points; a gain always passes).
 */
public final class LabelledSetDetectionCheck implements Int8AccuracyCheck {
    public static final String METRIC = "detection mAP@0.5 against the labels of the validation images";

    private final PackManifest manifest;
    private final List<LabelledImageSet.LabelledImage> images;
    private final OnnxRuntimeOptions onnx;
    private final double maxMapDropPoints;

    public LabelledSetDetectionCheck(PackManifest manifest, List<LabelledImageSet.LabelledImage> images, OnnxRuntimeOptions onnx,
                                     double maxMapDropPoints) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the accuracy guard needs at least one validation image");
        }
        if (!(maxMapDropPoints >= 0)) {
            throw new IllegalArgumentException("the mAP margin must be >= 0, got " + maxMapDropPoints);
        }
        this.manifest = manifest;
        this.images = List.copyOf(images);
        this.onnx = onnx;
        this.maxMapDropPoints = maxMapDropPoints;
    }

    @Override
    public AccuracyVerdict evaluate(Path fp32Graph, Path int8Graph) {
        DetectionMetrics fp32 = score(fp32Graph);
        DetectionMetrics int8 = score(int8Graph);
        double fp32Map = fp32.map50().orElseThrow(() -> new Int8CalibrationException("the validation images have no labelled objects"));
        double int8Map = int8.map50().orElseThrow();
        double drop = 100 * (fp32Map - int8Map);
        boolean passed = drop <= maxMapDropPoints;
        String reason = String.format(Locale.ROOT, "on %d validation image(s): mAP@0.5 %.4f -> %.4f (drop %.2f points %s %.2f), "
                + "mAP@[.5:.95] %.4f -> %.4f", images.size(), fp32Map, int8Map, drop, passed ? "<=" : ">", maxMapDropPoints,
            fp32.map50To95().orElse(Double.NaN), int8.map50To95().orElse(Double.NaN));
        return new AccuracyVerdict(METRIC, false,
            Map.of("detection.map50", fp32Map, "detection.map50_95", fp32.map50To95().orElse(Double.NaN)),
            Map.of("detection.map50", int8Map, "detection.map50_95", int8.map50To95().orElse(Double.NaN)),
            passed, reason);
    }

    /** COCO metrics of one graph on the validation images. */
    DetectionMetrics score(Path graph) {
        List<DetectionFrame> frames = new ArrayList<>(images.size());
        try (FrameDetector detector = new FrameDetector(manifest, graph, onnx)) {
            long seq = 0;
            for (LabelledImageSet.LabelledImage image : images) {
                List<ScoredBox> found = new ArrayList<>();
                try (Mat bgr = FrameImages.read(image.file())) {
                    for (Detection d : detector.detect(seq++, bgr)) {
                        found.add(new ScoredBox(d.label(), d.score(), d.box()));
                    }
                }
                frames.add(new DetectionFrame(image.objects(), found));
            }
        }
        return new CocoDetectionEvaluator().evaluate(frames);
    }
}
