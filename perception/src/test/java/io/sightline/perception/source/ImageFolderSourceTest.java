package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {
    @TempDir
    Path tmp;

    @Test
    void readsImagesInNameOrderAndSkipsATruncatedJpeg() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Mat m = ReplayFixtures.grey(40 * i)) {
                imwrite(tmp.resolve("img" + i + ".jpg").toString(), m);
            }
        }
        Path cut = tmp.resolve("img1.jpg");
        byte[] b = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(b, b.length / 2));
        Files.writeString(tmp.resolve("notes.txt"), "not an image");
        try (ImageFolderSource s = new ImageFolderSource(tmp, "front")) {
            s.open();
            assertThat(s.files()).hasSize(3);
            try (Frame a = s.next().orElseThrow(); Frame c = s.next().orElseThrow()) {
                assertThat(a.sourceIndex()).isEqualTo(0);
                assertThat(c.sourceIndex()).isEqualTo(2);
                assertThat(c.seq()).isEqualTo(1);
                assertThat(ReplayFixtures.level(c)).isBetween(78, 82); // JPEG keeps a flat grey within a few levels
            }
            assertThat(s.next()).isEmpty();
            assertThat(s.status().skipped()).isEqualTo(1);
            assertThat(s.status().reason()).contains("img1.jpg").contains("truncated");
        }
    }

    @Test
    void emptyFolderFailsWithItsName() {
        try (ImageFolderSource s = new ImageFolderSource(tmp, "front")) {
            assertThatThrownBy(s::open).isInstanceOf(SourceException.class).hasMessageContaining(tmp.toString());
        }
    }
}
