package io.sightline.quantize;

import java.util.Map;

/**
 * The accuracy guard's finding on the validation frames.
 *
 * @param metric  what was measured, e.g. "detection mAP@0.5" or "dense-head agreement (stand-in)"
 * @param standIn true when the metric stands in for the evaluator's mAP / grounding accuracy
 * @param fp32    metric values of the FP32 model (name -> value)
 * @param int8    metric values of the INT8 model, same names
 * @param passed  whether INT8 is within the margins
 * @param reason  one line: why it passed or failed, with the figures
 */
public record AccuracyVerdict(String metric, boolean standIn, Map<String, Double> fp32, Map<String, Double> int8,
                              boolean passed, String reason) {
    public AccuracyVerdict {
        fp32 = Map.copyOf(fp32);
        int8 = Map.copyOf(int8);
    }
}
