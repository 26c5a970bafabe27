package io.sightline.scenes.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GenerationSettingsTest {
    @Test
    void normalisesSplitAndFormat() {
        GenerationSettings s = GenerationSettings.defaults(1, 5, "VAL").withFormat("PNG", 90);
        assertThat(s.split()).isEqualTo("val");
        assertThat(s.frameFormat()).isEqualTo("png");
        assertThat(s.width()).isEqualTo(640);
        assertThat(s.height()).isEqualTo(480);
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> GenerationSettings.defaults(1, 0, "train")).hasMessageContaining("frames").hasMessageContaining("0");
        assertThatThrownBy(() -> GenerationSettings.defaults(1, 5, "holdout")).hasMessageContaining("'holdout'");
        assertThatThrownBy(() -> GenerationSettings.defaults(1, 5, "train").withObjects(6, 2)).hasMessageContaining("min 6, max 2");
        assertThatThrownBy(() -> GenerationSettings.defaults(1, 5, "train").withFormat("bmp", 90)).hasMessageContaining("'bmp'");
        assertThatThrownBy(() -> GenerationSettings.defaults(1, 5, "train").withFormat("jpg", 0)).hasMessageContaining("quality");
    }

    @Test
    void theGeneratorRefusesACameraOfAnotherSize() {
        GenerationSettings s = GenerationSettings.defaults(1, 1, "test");
        assertThatThrownBy(() -> new SceneGenerator(s, io.sightline.calibration.camera.CameraModels.tabletop(320, 240)))
            .hasMessageContaining("320x240").hasMessageContaining("640x480");
    }
}
