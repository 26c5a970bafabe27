package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesUpToTheCapWithJitterInTheUpperHalf() {
        Backoff low = new Backoff(100, 1000, () -> 0.0);
        Backoff high = new Backoff(100, 1000, () -> 1.0);
        List<Long> lows = new ArrayList<>();
        List<Long> highs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lows.add(low.nextDelayMillis());
            highs.add(high.nextDelayMillis());
        }
        assertThat(highs).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(lows).containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
        high.reset();
        assertThat(high.nextDelayMillis()).isEqualTo(100L);
    }
}
