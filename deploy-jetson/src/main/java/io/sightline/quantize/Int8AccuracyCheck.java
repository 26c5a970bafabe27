package io.sightline.quantize;

import java.nio.file.Path;

/**
 * The accuracy guard's metric: compares the FP32 and INT8 encoders on validation data. The CLI supplies it
 * (the scene evaluator lives downstream of calibration); {@link DenseHeadAgreementCheck} is the stand-in
 * that needs only the encoder.
 */
public interface Int8AccuracyCheck {
    /**
     * @param fp32Encoder the pack's FP32 vision encoder
     * @param int8Encoder the freshly written INT8 encoder (still a temporary file)
     */
    AccuracyVerdict evaluate(Path fp32Encoder, Path int8Encoder);
}
