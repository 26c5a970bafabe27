package io.sightline.quantize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorHistogramTest {
    @Test
    void binsAbsoluteValuesWithTheMaximumInTheLastBin() {
        TensorHistogram h = new TensorHistogram(4.0, 4);
        h.add(new float[] {0f, -0.5f, 1.0f, -2.5f, 3.99f, 4.0f, -4.0f});
        assertThat(h.counts()).containsExactly(2, 1, 1, 3);
        assertThat(h.total()).isEqualTo(7);
        assertThat(h.binWidth()).isEqualTo(1.0);
    }

    @Test
    void valuesBeyondTheRangeLandInTheLastBin() {
        TensorHistogram h = new TensorHistogram(1.0, 2);
        h.add(new float[] {5f});
        assertThat(h.count(1)).isEqualTo(1);
    }

    @Test
    void rejectsBadRangeAndBins() {
        assertThatThrownBy(() -> new TensorHistogram(Double.NaN, 8)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new TensorHistogram(1, 0)).hasMessageContaining("bins");
    }
}
