package io.sightline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void reshapeWithinCapacityKeepsTheSameMemory() {
        Tensor t = Tensor.withCapacity(ElementType.FLOAT32, 2 * 8 * 4, 2, 0, 4);
        assertThat(t.elementCount()).isZero();
        t.reshape(2, 3, 4);
        t.floats().put(5, 7f);
        t.reshape(2, 8, 4);
        assertThat(t.floats().get(5)).isEqualTo(7f);
        assertThat(t.bytes().remaining()).isEqualTo(2 * 8 * 4 * 4);
        assertThat(t.bytes().isDirect()).isTrue();
    }

    @Test
    void reshapeBeyondCapacityNamesTheSizes() {
        Tensor t = Tensor.allocate(ElementType.FLOAT32, 2, 3);
        assertThatThrownBy(() -> t.reshape(2, 4)).hasMessageContaining("[2, 4]").hasMessageContaining("holds 24");
    }

    @Test
    void typedViewsRefuseTheOtherType() {
        Tensor ids = Tensor.of(new long[] {1, 2}, 2, 1);
        assertThat(ids.longs().get(1)).isEqualTo(2L);
        assertThatThrownBy(ids::floats).hasMessageContaining("int64");
    }
}
