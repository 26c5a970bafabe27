package io.sightline.runtime.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.InputMismatchException;
import io.sightline.runtime.TensorSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapePlanTest {
    private final List<TensorSpec> decoder = List.of(
        new TensorSpec("input_ids", ElementType.INT64, new long[] {-1, 1}, List.of("batch", "")),
        new TensorSpec("past_key", ElementType.FLOAT32, new long[] {-1, -1, 32}, List.of("batch", "past_len", "")),
        new TensorSpec("past_value", ElementType.FLOAT32, new long[] {-1, -1, 32}, List.of("batch", "past_len", "")));

    @Test
    void sharedDimensionNamesGetTheSameRangeInEveryInput() {
        ShapePlan plan = ShapePlan.of("decoder.onnx", decoder, Map.of("batch", DimRange.fixed(1), "past_len", new DimRange(0, 64, 128)));
        assertThat(plan.profile("past_key").min()).containsExactly(1, 0, 32);
        assertThat(plan.profile("past_value").opt()).containsExactly(1, 64, 32);
        assertThat(plan.profile("past_value").max()).containsExactly(1, 128, 32);
        assertThat(plan.profile("input_ids").max()).containsExactly(1, 1);
        assertThat(plan.describe()).isEqualTo("batch=1..1..1,past_len=0..64..128");
    }

    @Test
    void aDynamicDimensionWithoutARangeIsNamed() {
        assertThatThrownBy(() -> ShapePlan.of("decoder.onnx", decoder, Map.of("batch", DimRange.fixed(1))))
            .hasMessageContaining("input 'past_key' [batch, past_len, 32] axis 1 is dynamic ('past_len'); give a range for 'past_len'");
    }

    @Test
    void aRangeForNoDimensionIsATypo() {
        assertThatThrownBy(() -> ShapePlan.of("decoder.onnx", decoder,
            Map.of("batch", DimRange.fixed(1), "past_len", DimRange.fixed(3), "past_lenght", DimRange.fixed(3))))
            .hasMessageContaining("range for 'past_lenght' matches no dynamic dimension");
    }

    @Test
    void shapesOutsideTheProfileAreRefusedWithTheRange() {
        ShapePlan plan = ShapePlan.of("decoder.onnx", decoder, Map.of("batch", DimRange.fixed(1), "past_len", new DimRange(0, 64, 128)));
        plan.requireInside("decoder.onnx", "past_key", new long[] {1, 128, 32});
        assertThatThrownBy(() -> plan.requireInside("decoder.onnx", "past_key", new long[] {1, 129, 32}))
            .isInstanceOf(InputMismatchException.class)
            .hasMessageContaining("shape [1, 129, 32] is outside the engine's profile [1, 0, 32]..[1, 128, 32]");
    }

    @Test
    void rangesMustBeOrdered() {
        assertThatThrownBy(() -> new DimRange(4, 2, 8)).hasMessageContaining("4..2..8");
    }
}
