package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.scene.DecodeScale;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeScaleTest {
    @TempDir
    Path tmp;

    @Test
    void picksTheLargestReductionThatStillCoversTheModelInput() {
        assertThat(DecodeScale.forModel(640, 480, 256, 192)).isEqualTo(2);
        assertThat(DecodeScale.forModel(1280, 960, 256, 192)).isEqualTo(4);
        assertThat(DecodeScale.forModel(1920, 1080, 256, 192)).isEqualTo(4); // 1080 / 8 = 135 < 192
        assertThat(DecodeScale.forModel(4096, 3072, 256, 192)).isEqualTo(8); // never beyond libjpeg's 1/8
        assertThat(DecodeScale.forModel(511, 480, 256, 192)).isEqualTo(1);
        assertThat(DecodeScale.forModel(256, 192, 256, 192)).isEqualTo(1);
        assertThat(DecodeScale.forModel(100, 80, 256, 192)).isEqualTo(1); // smaller than the model: decode it all
        assertThatThrownBy(() -> DecodeScale.forModel(0, 480, 256, 192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodeScale.imreadFlag(3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1, 2, 4 or 8");
        assertThat(DecodeScale.reduced(641, 2)).isEqualTo(321);
        assertThat(DecodeScale.reduced(640, 8)).isEqualTo(80);
    }

    @Test
    void frameDecodingParsesTheCliSpellings() {
        assertThat(FrameDecoding.parse("full")).isEqualTo(FrameDecoding.FULL);
        assertThat(FrameDecoding.parse("Model-Size")).isEqualTo(FrameDecoding.MODEL_SIZE);
        assertThat(FrameDecoding.MODEL_SIZE.label()).isEqualTo("model-size");
        assertThatThrownBy(() -> FrameDecoding.parse("half")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'full' or 'model-size'");
    }

    @Test
    void aReducedReplayFrameHasFewerPixelsButTheSensorsSize() {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("s"), 3, 10));
        try (SceneReplaySource s = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false, "front",
                PaceClock.SYSTEM, 2)) {
            s.open();
            for (int i = 0; i < 3; i++) {
                Optional<Frame> f = s.next();
                assertThat(f).isPresent();
                try (Frame frame = f.get()) {
                    assertThat(frame.image().cols()).isEqualTo(ReplayFixtures.WIDTH / 2);
                    assertThat(frame.image().rows()).isEqualTo(ReplayFixtures.HEIGHT / 2);
                    assertThat(frame.width()).isEqualTo(ReplayFixtures.WIDTH);
                    assertThat(frame.height()).isEqualTo(ReplayFixtures.HEIGHT);
                    assertThat(frame.reduced()).isTrue();
                    assertThat(ReplayFixtures.level(frame)).isEqualTo(10 * i); // same pixels, fewer of them
                }
            }
            assertThat(s.describe()).contains("decoded at 1/2");
        }
        assertThatThrownBy(() -> new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false, "front",
            PaceClock.SYSTEM, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFrameCannotClaimASensorSmallerThanItsImage() {
        try (Mat m = ReplayFixtures.grey(5)) {
            assertThatThrownBy(() -> new Frame(0, "c", 0, 0, 0, m, ReplayFixtures.WIDTH - 1, ReplayFixtures.HEIGHT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smaller than the decoded image");
            Frame full = new Frame(0, "c", 0, 0, 0, m);
            assertThat(full.reduced()).isFalse();
            assertThat(full.width()).isEqualTo(ReplayFixtures.WIDTH);
        }
    }
}
