package io.sightline.calibration.int8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Stand-in accuracy guard until the scene evaluator supplies mAP@0.5 and grounding accuracy: treats the FP32
 * encoder's dense-head detections as the reference and scores the INT8 encoder's against them (same label and
 * IoU >= 0.5, greedy in FP32 score order). Agreement is the F1 of that matching, in percent; FP32 agrees with
 * itself at 100 by construction. It fails when agreement falls below {@code minAgreementPercent}.
 */
public final class DenseHeadAgreementCheck implements Int8AccuracyCheck {
    public static final String METRIC = "dense-head detection agreement, FP32 as reference (stand-in for mAP@0.5 / grounding accuracy)";
    public static final double MATCH_IOU = 0.5;

    private final DenseHeadSpec spec;
    private final int frameCount;
    private final IntFunction<float[]> frames;
    private final long[] shape;
    private final int threads;
    private final double minAgreementPercent;

    public DenseHeadAgreementCheck(DenseHeadSpec spec, int frameCount, IntFunction<float[]> frames, long[] shape, int threads,
                                   double minAgreementPercent) {
        this.spec = spec;
        this.frameCount = frameCount;
        this.frames = frames;
        this.shape = shape.clone();
        this.threads = threads;
        this.minAgreementPercent = minAgreementPercent;
    }

    @Override
    public AccuracyVerdict evaluate(Path fp32Encoder, Path int8Encoder) {
        Set<String> outputs = Set.of("det_logits", "det_boxes");
        long matched = 0;
        long fp32Count = 0;
        long int8Count = 0;
        try (EncoderSession a = new EncoderSession(read(fp32Encoder), threads, fp32Encoder.toString());
             EncoderSession b = new EncoderSession(read(int8Encoder), threads, int8Encoder.toString())) {
            if (!a.outputNames().containsAll(outputs)) {
                throw new Int8CalibrationException(fp32Encoder + " has no dense head (det_logits, det_boxes); "
                    + "the dense-head agreement check cannot run — supply the scene evaluator instead");
            }
            for (int f = 0; f < frameCount; f++) {
                float[] x = frames.apply(f);
                List<DenseDetection> ref = decode(a.run(x, shape, outputs));
                List<DenseDetection> got = decode(b.run(x, shape, outputs));
                matched += matches(ref, got);
                fp32Count += ref.size();
                int8Count += got.size();
            }
        }
        double agreement = fp32Count + int8Count == 0 ? 100 : 100.0 * 2 * matched / (fp32Count + int8Count);
        boolean passed = agreement >= minAgreementPercent;
        String reason = String.format("INT8 agrees with FP32 on %d of %d FP32 / %d INT8 detections over %d frames: agreement %.2f%% %s minimum %.2f%%",
            matched, fp32Count, int8Count, frameCount, agreement, passed ? ">=" : "<", minAgreementPercent);
        return new AccuracyVerdict(METRIC, true,
            Map.of("agreement_percent", 100.0, "detections", (double) fp32Count),
            Map.of("agreement_percent", agreement, "detections", (double) int8Count, "matched", (double) matched),
            passed, reason);
    }

    private List<DenseDetection> decode(Map<String, float[]> out) {
        return DenseDetection.decode(out.get("det_logits"), out.get("det_boxes"), spec);
    }

    /** Greedy one-to-one matching of {@code got} to {@code ref} (ref in score order): same label, IoU >= 0.5. */
    static int matches(List<DenseDetection> ref, List<DenseDetection> got) {
        boolean[] used = new boolean[got.size()];
        int n = 0;
        for (DenseDetection r : ref) {
            int best = -1;
            double bestIou = MATCH_IOU;
            for (int j = 0; j < got.size(); j++) {
                if (!used[j] && r.sameLabel(got.get(j))) {
                    double iou = r.iou(got.get(j));
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

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new Int8CalibrationException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
