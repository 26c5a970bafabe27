package io.sightline.calibration.int8;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EncoderPreprocessingTest {
    private static final String IMAGE = """
        {"width": 4, "height": 2, "channels": 3, "layout": "NCHW", "colour_order": "RGB",
         "scale": 0.00392156862745098, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}""";

    private static EncoderPreprocessing prep() throws Exception {
        return EncoderPreprocessing.fromManifest(new ObjectMapper().readTree(IMAGE), "manifest.json");
    }

    @Test
    void resizesConvertsBgrToRgbAndNormalisesPerChannelInPlanes(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("frame.png");
        // BGR (10, 20, 200): a red-ish frame, 8x4 -> INTER_AREA to 4x2 keeps a flat colour exactly
        try (Mat m = new Mat(4, 8, opencv_core.CV_8UC3, new Scalar(10, 20, 200, 0))) {
            opencv_imgcodecs.imwrite(png.toString(), m);
        }
        float[] x = prep().pixelValues(png);
        assertThat(x).hasSize(3 * 2 * 4);
        double r = (200 / 255.0 - 0.485) / 0.229;
        double g = (20 / 255.0 - 0.456) / 0.224;
        double b = (10 / 255.0 - 0.406) / 0.225;
        for (int i = 0; i < 8; i++) {
            assertThat((double) x[i]).isCloseTo(r, within(1e-5));
            assertThat((double) x[8 + i]).isCloseTo(g, within(1e-5));
            assertThat((double) x[16 + i]).isCloseTo(b, within(1e-5));
        }
        assertThat(prep().shape()).containsExactly(1, 3, 2, 4);
    }

    @Test
    void interAreaAveragesBlocks() throws Exception {
        // left half of each 2x2 block black, right half white -> every output pixel is the mean, 127.5
        try (Mat m = new Mat(4, 8, opencv_core.CV_8UC3, new Scalar(0, 0, 0, 0))) {
            try (var idx = m.<org.bytedeco.javacpp.indexer.UByteIndexer>createIndexer()) {
                for (int y = 0; y < 4; y++) {
                    for (int xx = 1; xx < 8; xx += 2) {
                        for (int c = 0; c < 3; c++) {
                            idx.put(y, xx, c, 255);
                        }
                    }
                }
            }
            float[] x = prep().pixelValues(m);
            // INTER_AREA rounds 127.5 to 128 in 8-bit
            assertThat((double) x[0]).isCloseTo((128 / 255.0 - 0.485) / 0.229, within(1e-5));
        }
    }

    @Test
    void badManifestFieldsAreNamed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> EncoderPreprocessing.fromManifest(json.readTree("{\"width\": 4, \"height\": 2, \"mean\": [0, 0], \"std\": [1, 1, 1]}"), "m.json"))
            .hasMessageContaining("image.mean");
        assertThatThrownBy(() -> EncoderPreprocessing.fromManifest(json.readTree("{\"height\": 2, \"mean\": [0, 0, 0], \"std\": [1, 1, 1]}"), "m.json"))
            .hasMessageContaining("image.width");
        assertThatThrownBy(() -> EncoderPreprocessing.fromManifest(json.readTree("{\"width\": 4, \"height\": 2, \"colour_order\": \"BGR\", \"mean\": [0, 0, 0], \"std\": [1, 1, 1]}"), "m.json"))
            .hasMessageContaining("colour_order");
        assertThatThrownBy(() -> prep().pixelValues(Path.of("/nonexistent/frame.jpg"))).hasMessageContaining("frame.jpg");
    }
}
