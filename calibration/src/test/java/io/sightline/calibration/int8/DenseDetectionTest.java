package io.sightline.calibration.int8;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DenseDetectionTest {
    // 2x3 grid, 1 objectness + 2 shapes + 2 colours
    private static final DenseHeadSpec SPEC = new DenseHeadSpec(2, 3, 5, 1, 3, 3, 5, 0.05, 0.6, 0.0);

    private static float[] logits() {
        float[] l = new float[6 * 5];
        for (int t = 0; t < 6; t++) {
            l[t * 5] = -6f; // background
        }
        l[1 * 5] = 4f;      // token 1: peak, shape 1, colour 0
        l[1 * 5 + 2] = 3f;
        l[1 * 5 + 3] = 3f;
        l[2 * 5] = 3.5f;    // token 2: neighbour of token 1, lower: not a peak
        l[5 * 5] = -6f;
        return l;
    }

    private static float[] boxes() {
        float[] b = new float[6 * 4];
        for (int t = 0; t < 6; t++) {
            b[t * 4] = 0.1f * t;
            b[t * 4 + 1] = 0.1f;
            b[t * 4 + 2] = 0.1f * t + 0.2f;
            b[t * 4 + 3] = 0.4f;
        }
        return b;
    }

    @Test
    void decodesPeaksAboveTheScoreThreshold() {
        List<DenseDetection> d = DenseDetection.decode(logits(), boxes(), SPEC);
        assertThat(d).hasSize(1);
        assertThat(d.get(0).shape()).isEqualTo(1);
        assertThat(d.get(0).colour()).isZero();
        assertThat(d.get(0).x0()).isEqualTo(0.1f);
        double expected = 1 / (1 + Math.exp(-4)) * (1 / (1 + Math.exp(-3))) * (1 / (1 + Math.exp(-3)));
        assertThat(d.get(0).score()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aLowerNeighbourWithItsOwnBoxStaysACandidateUnderPeakBoxIou() {
        // tokens 1 and 2 are neighbours; their boxes overlap at IoU 1/3
        DenseHeadSpec spec = new DenseHeadSpec(2, 3, 5, 1, 3, 3, 5, 0.05, 0.6, 0.5);
        assertThat(DenseDetection.decode(logits(), boxes(), spec)).extracting(DenseDetection::x0).containsExactly(0.1f, 0.2f);
        DenseHeadSpec strict = new DenseHeadSpec(2, 3, 5, 1, 3, 3, 5, 0.05, 0.6, 0.3);
        assertThat(DenseDetection.decode(logits(), boxes(), strict)).hasSize(1);
    }

    @Test
    void matchingNeedsTheSameLabelAndIouAtLeastHalf() {
        DenseDetection a = new DenseDetection(0, 0, 1, 1, 0, 0, 0.9);
        DenseDetection shifted = new DenseDetection(0.5f, 0, 1.5f, 1, 0, 0, 0.8);   // IoU 1/3
        DenseDetection close = new DenseDetection(0.1f, 0, 1.1f, 1, 0, 0, 0.8);     // IoU 0.82
        DenseDetection otherLabel = new DenseDetection(0, 0, 1, 1, 1, 0, 0.8);
        assertThat(DenseHeadAgreementCheck.matches(List.of(a), List.of(shifted))).isZero();
        assertThat(DenseHeadAgreementCheck.matches(List.of(a), List.of(otherLabel))).isZero();
        assertThat(DenseHeadAgreementCheck.matches(List.of(a), List.of(shifted, close))).isEqualTo(1);
        assertThat(DenseHeadAgreementCheck.matches(List.of(a, a), List.of(close))).isEqualTo(1); // one-to-one
    }
}
