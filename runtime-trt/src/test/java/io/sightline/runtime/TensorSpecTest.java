package io.sightline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorSpecTest {
    private final TensorSpec past = new TensorSpec("past_key", ElementType.FLOAT32, new long[] {-1, -1, 32}, List.of("batch", "past_len", ""));

    @Test
    void acceptsAnyValueOfADynamicDimButOnlyTheStaticValue() {
        assertThat(past.accepts(new long[] {2, 0, 32})).isTrue();
        assertThat(past.accepts(new long[] {1, 64, 32})).isTrue();
        assertThat(past.accepts(new long[] {1, 64, 31})).isFalse();
        assertThat(past.accepts(new long[] {1, 64})).isFalse();
    }

    @Test
    void printsSymbolicNames() {
        assertThat(past.shapeText()).isEqualTo("[batch, past_len, 32]");
        assertThat(past.isDynamic(1)).isTrue();
        assertThat(past.isDynamic(2)).isFalse();
    }
}
