package io.sightline.quantize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuantizedWeightTest {
    @Test
    void matMulWeightIsScaledPerOutputColumn() {
        // [K=2, N=3], axis 1: column maxima 2, 0.5, 0
        float[] w = {2f, -0.25f, 0f, -1f, 0.5f, 0f};
        QuantizedWeight q = QuantizedWeight.of(w, new long[] {2, 3}, 1);
        assertThat(q.scales()).containsExactly(2f / 127, 0.5f / 127, 1f);
        assertThat(q.values()).containsExactly((byte) 127, (byte) -64, (byte) 0, (byte) -64, (byte) 127, (byte) 0);
    }

    @Test
    void convWeightIsScaledPerOutputChannelAndRoundTripsWithinHalfAStep() {
        long[] dims = {2, 3, 2, 2};
        float[] w = new float[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i * 0.7) * (i < 12 ? 1f : 0.01f);
        }
        QuantizedWeight q = QuantizedWeight.of(w, dims, 0);
        assertThat(q.scales()).hasSize(2);
        assertThat(q.scales()[1]).isLessThan(q.scales()[0] / 50);
        for (int i = 0; i < w.length; i++) {
            float s = q.scales()[i / 12];
            assertThat(Math.abs(q.values()[i] * s - w[i])).isLessThanOrEqualTo(s / 2 + 1e-7f);
            assertThat(q.values()[i]).isBetween((byte) -127, (byte) 127);
        }
    }

    @Test
    void perTensorUsesOneScale() {
        QuantizedWeight q = QuantizedWeight.of(new float[] {1f, -4f}, new long[] {2}, -1);
        assertThat(q.scales()).containsExactly(4f / 127);
        assertThat(q.values()).containsExactly((byte) 32, (byte) -127);
    }

    @Test
    void reducedRangeStaysWithinSevenBits() {
        QuantizedWeight q = QuantizedWeight.of(new float[] {1f, -4f, 4f}, new long[] {3}, -1, QuantizedWeight.REDUCED_LIMIT);
        assertThat(q.scales()).containsExactly(4f / 63);
        assertThat(q.values()).containsExactly((byte) 16, (byte) -63, (byte) 63);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuantizedWeight.of(new float[] {1f}, new long[] {1}, -1, 128))
            .hasMessageContaining("1..127");
    }
}
