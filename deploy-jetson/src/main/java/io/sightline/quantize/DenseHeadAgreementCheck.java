package io.sightline.quantize;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.SourceOptions;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stand-in accuracy guard until the scene evaluator supplies mAP@0.5 and grounding accuracy: treats the FP32
 * encoder's dense-head detections as the reference and scores the INT8 encoder's against them (same label and
 * IoU >= 0.5, greedy in FP32 score order). Agreement is the F1 of that matching, in percent; FP32 agrees with
 * itself at 100 by construction. It fails when agreement falls below {@code minAgreementPercent}.
 *
 * <p>The detections are the service's: each validation frame is read through the source factory with every pixel
 * decoded, as {@code sightline run} reads a scene (and as this guard read frames before it used the shipped code),
 * and goes through the pack's encoder and {@code DetectionDecoder} ({@link FrameDetector}).
 */
public final class DenseHeadAgreementCheck implements Int8AccuracyCheck {
    public static final String METRIC = "dense-head detection agreement, FP32 as reference (stand-in for mAP@0.5 / grounding accuracy)";
    public static final double MATCH_IOU = 0.5;

    /** One validation frame's detections: its scene folder, its index there, what the encoder found. */
    record FrameDetections(Path scene, int index, List<Detection> detections) {
        FrameDetections {
            detections = List.copyOf(detections);
        }
    }

    private final PackManifest manifest;
    private final Map<Path, Set<Path>> framesByScene = new LinkedHashMap<>();
    private final int frameCount;
    private final OnnxRuntimeOptions onnx;
    private final double minAgreementPercent;

    /**
     * @param manifest the loaded pack's manifest (image spec, dense head, labels)
     * @param frames   validation frame images, {@code <scene>/frames/NNNNNN.<ext>} ({@link CalibrationFrames#select})
     * @param onnx     ONNX Runtime settings of both encoders
     */
    public DenseHeadAgreementCheck(PackManifest manifest, List<Path> frames, OnnxRuntimeOptions onnx, double minAgreementPercent) {
        this.manifest = manifest;
        for (Path f : frames) {
            Path abs = f.toAbsolutePath().normalize();
            framesByScene.computeIfAbsent(abs.getParent().getParent(), d -> new LinkedHashSet<>()).add(abs);
        }
        this.frameCount = frames.size();
        this.onnx = onnx;
        this.minAgreementPercent = minAgreementPercent;
    }

    @Override
    public AccuracyVerdict evaluate(Path fp32Encoder, Path int8Encoder) {
        List<FrameDetections> reference = detections(fp32Encoder);
        List<FrameDetections> candidate = detections(int8Encoder);
        if (reference.size() != candidate.size()) {
            throw new Int8CalibrationException("the FP32 and INT8 runs read " + reference.size() + " and " + candidate.size()
                + " validation frames");
        }
        long matched = 0;
        long fp32Count = 0;
        long int8Count = 0;
        for (int f = 0; f < reference.size(); f++) {
            List<Detection> ref = reference.get(f).detections();
            List<Detection> got = candidate.get(f).detections();
            matched += matches(ref, got);
            fp32Count += ref.size();
            int8Count += got.size();
        }
        double agreement = fp32Count + int8Count == 0 ? 100 : 100.0 * 2 * matched / (fp32Count + int8Count);
        boolean passed = agreement >= minAgreementPercent;
        String reason = String.format("INT8 agrees with FP32 on %d of %d FP32 / %d INT8 detections over %d frames: agreement %.2f%% %s minimum %.2f%%",
            matched, fp32Count, int8Count, reference.size(), agreement, passed ? ">=" : "<", minAgreementPercent);
        return new AccuracyVerdict(METRIC, true,
            Map.of("agreement_percent", 100.0, "detections", (double) fp32Count),
            Map.of("agreement_percent", agreement, "detections", (double) int8Count, "matched", (double) matched),
            passed, reason);
    }

    /**
     * The detections of {@code encoderGraph} on every validation frame, in scene and frame order; a frame the replay
     * skips (unreadable) is missing from the list, as it is from the service's results.
     */
    List<FrameDetections> detections(Path encoderGraph) {
        List<FrameDetections> out = new ArrayList<>(frameCount);
        try (FrameDetector detector = new FrameDetector(manifest, encoderGraph, onnx)) {
            for (Map.Entry<Path, Set<Path>> e : framesByScene.entrySet()) {
                Scene scene = SceneReader.open(e.getKey());
                try (FrameSource source = FrameSources.scene(scene,
                    SourceOptions.offline(FrameDecoding.FULL, manifest.image())).source()) {
                    source.open();
                    for (Optional<Frame> next = source.next(); next.isPresent(); next = source.next()) {
                        try (Frame frame = next.get()) {
                            if (e.getValue().contains(scene.framePath(frame.sourceIndex()).toAbsolutePath().normalize())) {
                                out.add(new FrameDetections(e.getKey(), frame.sourceIndex(), detector.detect(frame)));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Greedy one-to-one matching of {@code got} to {@code ref} (ref in score order): same label, IoU >= 0.5. */
    static int matches(List<Detection> ref, List<Detection> got) {
        boolean[] used = new boolean[got.size()];
        int n = 0;
        for (Detection r : ref) {
            int best = -1;
            double bestIou = MATCH_IOU;
            for (int j = 0; j < got.size(); j++) {
                Detection g = got.get(j);
                if (!used[j] && r.shape().equals(g.shape()) && r.colour().equals(g.colour())) {
                    double iou = r.box().iou(g.box());
                    if (iou >= bestIou) {
                        best = j;
                        bestIou = iou;
                    }
                }
            }
            if (best >= 0) {
                used[best] = true;
                n++;
            }
        }
        return n;
    }
}
