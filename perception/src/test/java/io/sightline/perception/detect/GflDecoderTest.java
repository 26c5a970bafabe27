package io.sightline.perception.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.pack.GflHeadSpec;
import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.vision.ImageEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The {@code gfl} (NanoDet) decoder on synthetic tensors with exact boxes, and on the original model's outputs. */
class GflDecoderTest {
    /** A 64x32 input with two levels: stride 8 (4x8 cells) and stride 16 (2x4 cells), 3 classes, reg_max 3. */
    private static final GflHeadSpec HEAD = new GflHeadSpec("detector", 3, 0.5, List.of(
        new GflHeadSpec.Level(8, 4, 8, "scores_8", "distances_8"),
        new GflHeadSpec.Level(16, 2, 4, "scores_16", "distances_16")), 0.05, OptionalDouble.of(0.3), 0.6, 100);
    private static final ImageSpec IMAGE = new ImageSpec(64, 32, false, 1.0, new float[3], new float[]{1, 1, 1},
        ImageSpec.Resize.LINEAR);
    private static final List<String> LABELS = List.of("person", "car", "cup");

    private final float[] s8 = new float[32 * 3];
    private final float[] d8 = new float[32 * 16];
    private final float[] s16 = new float[8 * 3];
    private final float[] d16 = new float[8 * 16];

    /** Side distances as bins: a one-hot logit (softmax ~ 1) at {@code bin}, or two equal logits for a half bin. */
    private static void side(float[] d, int cell, int side, double bins) {
        int lo = (int) Math.floor(bins);
        d[cell * 16 + side * 4 + lo] = 40;
        if (bins != lo) {
            d[cell * 16 + side * 4 + lo + 1] = 40;
        }
    }

    private List<Detection> decode(int sourceWidth, int sourceHeight, DetectionConfig config) {
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("scores_8", s8);
        out.put("distances_8", d8);
        out.put("scores_16", s16);
        out.put("distances_16", d16);
        ImageEncoding enc = new ImageEncoding(1, sourceWidth, sourceHeight, new float[0], 0, 0, out, 0, 0);
        return new GflDecoder(HEAD, IMAGE, LABELS, config).decode(enc);
    }

    @Test
    void integralBoxesAroundTheCellCentreMappedToSourcePixels() {
        // stride 8, cell (row 1, col 2): centre (20, 12); left 1 bin, top 0.5, right 2, bottom 1.5 (x 8 px)
        int cell = 8 + 2;
        s8[cell * 3 + 1] = 0.8f;
        side(d8, cell, 0, 1);
        side(d8, cell, 1, 0.5);
        side(d8, cell, 2, 2);
        side(d8, cell, 3, 1.5);
        List<Detection> dets = decode(128, 96, DetectionConfig.fromPack(HEAD));
        assertThat(dets).hasSize(1);
        Detection d = dets.get(0);
        assertThat(d.shape()).isEqualTo("car");
        assertThat(d.colour()).isEmpty();
        assertThat(d.label()).isEqualTo("car");
        assertThat(d.score()).isCloseTo(0.8, within(1e-6));
        // input box (12, 8, 36, 24); source 128x96 from 64x32: x * 2, y * 3
        assertThat(d.box().xMin()).isCloseTo(24, within(1e-6));
        assertThat(d.box().yMin()).isCloseTo(24, within(1e-6));
        assertThat(d.box().xMax()).isCloseTo(72, within(1e-6));
        assertThat(d.box().yMax()).isCloseTo(72, within(1e-6));
    }

    @Test
    void boxesAreClampedToTheImage() {
        // stride 16, cell (row 0, col 3): centre (56, 8); 3 bins (48 px) on every side
        int cell = 3;
        s16[cell * 3 + 2] = 0.5f;
        for (int side = 0; side < 4; side++) {
            side(d16, cell, side, 3);
        }
        Detection d = decode(64, 32, DetectionConfig.fromPack(HEAD)).get(0);
        assertThat(d.shape()).isEqualTo("cup");
        assertThat(new double[]{d.box().xMin(), d.box().yMin(), d.box().xMax(), d.box().yMax()})
            .containsExactly(8, 0, 64, 32);
    }

    @Test
    void classWiseNmsScoreThresholdAndMaxDetections() {
        int a = 8 + 2;
        int b = 8 + 3;  // neighbour: centre 8 px to the right, same 16x16 box -> IoU 1/3 ... make them overlap more
        for (int cell : new int[]{a, b}) {
            for (int side = 0; side < 4; side++) {
                side(d8, cell, side, 3);  // 24 px each side: 48x48 boxes, 8 px apart, IoU ~ 0.71
            }
        }
        s8[a * 3] = 0.9f;       // person
        s8[b * 3] = 0.7f;       // person, suppressed by a
        s8[b * 3 + 1] = 0.6f;   // car at b: another class, kept
        s8[a * 3 + 2] = 0.04f;  // cup below the score threshold
        List<Detection> dets = decode(64, 32, DetectionConfig.fromPack(HEAD));
        assertThat(dets).extracting(Detection::label).containsExactly("person", "car");
        assertThat(dets).extracting(Detection::score).containsExactly(0.9f * 1.0, 0.6f * 1.0);
        assertThat(decode(64, 32, DetectionConfig.operatingPoint(HEAD))).extracting(Detection::label)
            .containsExactly("person", "car");
        assertThat(decode(64, 32, new DetectionConfig(0.65, 0.6, 100, 0))).extracting(Detection::label)
            .containsExactly("person");
        assertThat(decode(64, 32, new DetectionConfig(0.05, 0.6, 1, 0))).extracting(Detection::label)
            .containsExactly("person");
        assertThat(DetectionConfig.operatingPoint(HEAD).scoreThreshold()).isEqualTo(0.3);
        assertThat(DetectionConfig.fromPack(HEAD).scoreThreshold()).isEqualTo(0.05);
        assertThat(DetectionConfig.fromPack(HEAD).maxCandidates()).isEqualTo(100);
    }

    @Test
    void expectationIsTheSoftmaxMeanOfTheBins() {
        assertThat(GflDecoder.expectation(new float[]{0, 0, 0, 0}, 0, 4)).isCloseTo(1.5, within(1e-12));
        assertThat(GflDecoder.expectation(new float[]{9, 1, 1, 1, 1}, 1, 4)).isCloseTo(1.5, within(1e-12));
        double e = Math.exp(1);
        assertThat(GflDecoder.expectation(new float[]{0, 1}, 0, 2)).isCloseTo(e / (1 + e), within(1e-12));
    }

    /**
     * The original TF.js NanoDet's outputs on OpenCV's messi5.jpg (548x342; resources gfl-nanodet/SOURCE.md): the
     * footballer in front is a person, found by the stride-32 level, and the ball a sports ball.
     */
    @Test
    void theOriginalModelsOutputsOnARealPhoto() throws IOException {
        List<String> coco = new java.util.ArrayList<>(java.util.Collections.nCopies(80, "other"));
        coco.set(0, "person");
        coco.set(32, "sports ball");
        GflHeadSpec head = new GflHeadSpec("detector", 10, 0.5, List.of(
            new GflHeadSpec.Level(8, 52, 52, "scores_8", "distances_8"),
            new GflHeadSpec.Level(16, 26, 26, "scores_16", "distances_16"),
            new GflHeadSpec.Level(32, 13, 13, "scores_32", "distances_32")), 0.05, OptionalDouble.empty(), 0.6, 100);
        ImageSpec image = new ImageSpec(416, 416, false, 1.0, new float[]{103.53f, 116.28f, 123.675f},
            new float[]{57.375f, 57.12f, 58.395f}, ImageSpec.Resize.LINEAR);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : List.of("scores_8", "scores_16", "scores_32", "distances_8", "distances_16", "distances_32")) {
            out.put(name, fixture("messi5_" + name + ".f32.gz"));
        }
        ImageEncoding enc = new ImageEncoding(0, 548, 342, new float[0], 0, 0, out, 0, 0);
        List<Detection> dets = new GflDecoder(head, image, coco, new DetectionConfig(0.35, 0.6, 100, 0)).decode(enc);
        assertThat(dets).isNotEmpty();
        Detection best = dets.get(0);
        assertThat(best.label()).isEqualTo("person");
        assertThat(best.score()).isGreaterThan(0.8);
        // the player stands in the middle of the photo, head to feet: box ~ (61, 67)-(460, 334) in 548x342
        assertThat(best.box().xMin()).isBetween(30.0, 110.0);
        assertThat(best.box().xMax()).isBetween(420.0, 500.0);
        assertThat(best.box().yMin()).isBetween(40.0, 100.0);
        assertThat(best.box().yMax()).isBetween(300.0, 342.0);
        Detection ball = dets.stream().filter(d -> d.label().equals("sports ball")).findFirst().orElseThrow();
        assertThat(ball.box().centerX()).isBetween(330.0, 380.0);
        assertThat(ball.box().centerY()).isBetween(270.0, 330.0);
        assertThat(ball.box().xMax() - ball.box().xMin()).isBetween(25.0, 80.0);
    }

    private static float[] fixture(String name) throws IOException {
        try (InputStream raw = GflDecoderTest.class.getResourceAsStream("/gfl-nanodet/" + name)) {
            assertThat(raw).as(name).isNotNull();
            byte[] bytes = new GZIPInputStream(raw).readAllBytes();
            float[] v = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
    }
}
