package io.sightline.quantize;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RangeMethodTest {
    private static TensorHistogram uniform(double range) {
        long[] counts = new long[TensorHistogram.DEFAULT_BINS];
        java.util.Arrays.fill(counts, 1000);
        return TensorHistogram.of(range, counts);
    }

    /** |x| of a Laplace(0, 1) sample plus a few far outliers: most mass near 0, a long tail. */
    private static TensorHistogram heavyTailed() {
        Random rng = new Random(3);
        float[] values = new float[200_000];
        for (int i = 0; i < values.length; i++) {
            double u = rng.nextDouble() - 0.5;
            values[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
        }
        values[0] = 60f;
        values[1] = -45f;
        TensorHistogram h = new TensorHistogram(ActivationStatistics.absMax(values), TensorHistogram.DEFAULT_BINS);
        h.add(values);
        return h;
    }

    @Test
    void minmaxIsTheObservedMaximum() {
        TensorHistogram h = heavyTailed();
        assertThat(RangeMethod.MINMAX.amax(h, 99.99)).isEqualTo(60.0);
    }

    @Test
    void percentileOfAUniformDistributionIsThatFractionOfTheRange() {
        assertThat(RangeMethod.PERCENTILE.amax(uniform(10), 50)).isCloseTo(5.0, within(10.0 / 2048));
        assertThat(RangeMethod.PERCENTILE.amax(uniform(10), 99.99)).isCloseTo(9.999, within(10.0 / 2048));
        assertThat(RangeMethod.PERCENTILE.amax(uniform(10), 100)).isEqualTo(10.0);
    }

    @Test
    void percentileIgnoresTheRareOutliers() {
        assertThat(RangeMethod.PERCENTILE.amax(heavyTailed(), 99.9)).isBetween(6.0, 8.5); // Laplace: -ln(0.001) = 6.9
    }

    @Test
    void entropyKeepsTheWholeRangeOfAUniformDistribution() {
        assertThat(RangeMethod.ENTROPY.amax(uniform(4), 99.99)).isEqualTo(4.0);
    }

    @Test
    void entropyClipsTheTailOfAHeavyTailedDistribution() {
        double amax = RangeMethod.ENTROPY.amax(heavyTailed(), 99.99);
        assertThat(amax).isLessThan(0.5 * 60).isGreaterThan(3.0);
    }

    @Test
    void entropyIgnoresEmptyBinsAboveTheData() {
        // quantizing spreads each level's count over its non-empty bins only, so empty bins cost nothing and a
        // flat distribution keeps its whole range whatever the histogram's range is
        long[] counts = new long[2048];
        java.util.Arrays.fill(counts, 0, 300, 500);
        assertThat(EntropyThreshold.of(TensorHistogram.of(2048, counts))).isEqualTo(2048.0);
    }

    @Test
    void allZeroTensorKeepsItsZeroRange() {
        TensorHistogram h = new TensorHistogram(0, 2048);
        h.add(new float[] {0, 0, 0});
        assertThat(RangeMethod.ENTROPY.amax(h, 99.99)).isZero();
        assertThat(RangeMethod.PERCENTILE.amax(h, 99.99)).isZero();
    }

    @Test
    void parsesMethodNamesAndRejectsOthers() {
        assertThat(RangeMethod.parse("Entropy")).isEqualTo(RangeMethod.ENTROPY);
        assertThat(RangeMethod.parse("minmax").id()).isEqualTo("minmax");
        assertThatThrownBy(() -> RangeMethod.parse("kl")).hasMessageContaining("'kl'");
        assertThatThrownBy(() -> RangeMethod.PERCENTILE.amax(uniform(1), 0)).hasMessageContaining("percentile");
    }
}
