package io.sightline.perception.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameRangeTest {
    @Test
    void parsesSingleClosedOpenAndAll() {
        assertThat(FrameRange.parse("7")).isEqualTo(new FrameRange(7, 7));
        assertThat(FrameRange.parse("0-20")).isEqualTo(new FrameRange(0, 20));
        assertThat(FrameRange.parse("100-")).isEqualTo(new FrameRange(100, Integer.MAX_VALUE));
        assertThat(FrameRange.parse("all")).isEqualTo(FrameRange.ALL);
        assertThat(FrameRange.parse("3-5").contains(5)).isTrue();
        assertThat(FrameRange.parse("3-5").contains(6)).isFalse();
    }

    @Test
    void rejectsNonsenseNamingTheInput() {
        assertThatThrownBy(() -> FrameRange.parse("a-b")).hasMessageContaining("\"a-b\"");
        assertThatThrownBy(() -> FrameRange.parse("9-2")).hasMessageContaining("9-2");
        assertThatThrownBy(() -> FrameRange.parse("-3")).isInstanceOf(IllegalArgumentException.class);
    }
}
