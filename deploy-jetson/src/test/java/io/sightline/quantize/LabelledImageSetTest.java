package io.sightline.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.scene.Box2D;
import io.sightline.scenes.eval.LabelledBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledImageSetTest {
    @TempDir
    Path dir;

    @Test
    void readsSplitsAndLeavesCrowdRegionsOut() throws Exception {
        Files.writeString(dir.resolve(LabelledImageSet.LABELS), """
            {"image": "images/a.jpg", "split": "val", "objects": [{"label": "person", "box": [1, 2, 30, 40], "crowd": false}, \
            {"label": "person", "box": [0, 0, 5, 5], "crowd": true}]}
            {"image": "images/b.jpg", "split": "test", "objects": []}
            """);
        assertThat(LabelledImageSet.isLabelledSet(dir)).isTrue();
        LabelledImageSet set = LabelledImageSet.read(dir);
        List<LabelledImageSet.LabelledImage> val = set.split(LabelledImageSet.Split.VAL);
        assertThat(val).hasSize(1);
        assertThat(val.get(0).file()).isEqualTo(dir.resolve("images/a.jpg"));
        assertThat(val.get(0).objects()).containsExactly(new LabelledBox("person", new Box2D(1, 2, 30, 40)));
        assertThat(set.split(LabelledImageSet.Split.TEST)).extracting(LabelledImageSet.LabelledImage::file)
            .containsExactly(dir.resolve("images/b.jpg"));
    }

    @Test
    void calibrationFramesOfALabelledSetAreItsValidationImagesOnly() throws Exception {
        Files.writeString(dir.resolve(LabelledImageSet.LABELS), """
            {"image": "v.png", "split": "val", "objects": []}
            {"image": "t.png", "split": "test", "objects": []}
            """);
        assertThat(CalibrationFrames.select(List.of(dir), 10)).containsExactly(dir.resolve("v.png"));
    }

    @Test
    void badLinesAreNamed() throws Exception {
        Files.writeString(dir.resolve(LabelledImageSet.LABELS), "{\"image\": \"a.jpg\", \"split\": \"train\", \"objects\": []}\n");
        assertThatThrownBy(() -> LabelledImageSet.read(dir)).hasMessageContaining("line 1").hasMessageContaining("train");
        Files.writeString(dir.resolve(LabelledImageSet.LABELS), "{\"image\": \"../a.jpg\", \"split\": \"val\", \"objects\": []}\n");
        assertThatThrownBy(() -> LabelledImageSet.read(dir)).hasMessageContaining("outside");
    }
}
