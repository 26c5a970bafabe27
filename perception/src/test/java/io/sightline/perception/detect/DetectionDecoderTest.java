package io.sightline.perception.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.pack.DenseHeadSpec;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.vision.ImageEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A 3x4 grid with channels [objectness, cup, cube, red, blue], decoded as models/training/vlm/dense.py does.
 */
class DetectionDecoderTest {
    static final DenseHeadSpec HEAD = new DenseHeadSpec(3, 4, 5, 0, 1, 3, 3, 5, 0.05, 0.6, 0.0);
    static final List<String> SHAPES = List.of("cup", "cube");
    static final List<String> COLOURS = List.of("red", "blue");

    private final float[] logits = new float[12 * 5];
    private final float[] boxes = new float[12 * 4];

    DetectionDecoderTest() {
        for (int t = 0; t < 12; t++) {
            logits[t * 5] = -10;   // background: objectness ~ 4.5e-5, far below any threshold
            set(t, 0.0f, 0.0f, 0.1f, 0.1f);
        }
    }

    private void cell(int t, float obj, int shape, int colour, float... box) {
        logits[t * 5] = obj;
        logits[t * 5 + 1 + shape] = 5;
        logits[t * 5 + 3 + colour] = 5;
        set(t, box);
    }

    private void set(int t, float... box) {
        System.arraycopy(box, 0, boxes, 4 * t, 4);
    }

    private List<Detection> decode(DetectionConfig config) {
        ImageEncoding enc = new ImageEncoding(3, 640, 480, new float[1], 1, 1, logits, boxes, 0, 0);
        return new DenseHeadDecoder(HEAD, SHAPES, COLOURS, config).decode(enc);
    }

    private List<Detection> decode() {
        return decode(DetectionConfig.fromPack(HEAD));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void decodesAPeakIntoASourcePixelBoxWithLabelAndScore() {
        cell(5, 4, 0, 1, 0.25f, 0.3f, 0.5f, 0.6f);
        Detection d = decode().get(0);
        assertThat(decode()).hasSize(1);
        assertThat(d.label()).isEqualTo("blue cup");
        assertThat(d.box().xMin()).isCloseTo(160, within(1e-4));
        assertThat(d.box().yMin()).isCloseTo(144, within(1e-4));
        assertThat(d.box().xMax()).isCloseTo(320, within(1e-4));
        assertThat(d.box().yMax()).isCloseTo(288, within(1e-4));
        double p = Math.exp(5) / (Math.exp(5) + 1);  // softmax of [5, 0]
        assertThat(d.score()).isCloseTo(sigmoid(4) * p * p, within(1e-6));
    }

    @Test
    void onlyTheMaximumOfA3x3NeighbourhoodIsACandidate() {
        cell(5, 4, 0, 0, 0.2f, 0.2f, 0.4f, 0.4f);
        cell(6, 3, 1, 1, 0.6f, 0.2f, 0.8f, 0.4f);   // a different label, but next to a stronger cell
        cell(3, 2, 1, 1, 0.8f, 0.0f, 0.9f, 0.1f);   // row 0, col 3: its neighbours (2, 6, 7) are weaker except 6
        assertThat(decode()).extracting(Detection::label).containsExactly("red cup");
    }

    @Test
    void aHigherNeighbourSuppressesACellOnlyWhenItsBoxOverlapsAtPeakBoxIou() {
        cell(5, 4, 0, 0, 0.20f, 0.20f, 0.40f, 0.40f);
        cell(6, 3, 1, 1, 0.42f, 0.20f, 0.60f, 0.40f);   // next to a stronger cell, but another object: IoU 0
        cell(4, 2, 0, 0, 0.22f, 0.20f, 0.42f, 0.40f);   // next to the strong cell, the same object: IoU ~0.82
        DetectionConfig box = new DetectionConfig(0.05, 0.6, 100, 0.5);
        assertThat(decode(box)).extracting(Detection::label).containsExactly("red cup", "blue cube");
        assertThat(decode()).extracting(Detection::label).containsExactly("red cup");  // the pack's 0: plain 3x3 max
        assertThat(decode(new DetectionConfig(0.05, 0.9, 100, 0.9))).hasSize(3);  // 0.82 < 0.9 for both rules: the duplicate stays
    }

    @Test
    void suppressesOverlapsWithinALabelButNotAcrossLabels() {
        cell(0, 4, 0, 0, 0.10f, 0.10f, 0.50f, 0.50f);
        cell(2, 3, 0, 0, 0.12f, 0.12f, 0.52f, 0.52f);    // same label, IoU ~0.82 -> dropped
        cell(8, 3.5f, 1, 0, 0.10f, 0.10f, 0.50f, 0.50f); // another label, same box -> kept
        cell(11, 2, 0, 0, 0.60f, 0.60f, 0.90f, 0.90f);   // same label, disjoint -> kept
        List<Detection> dets = decode();
        assertThat(dets).extracting(Detection::label).containsExactly("red cup", "red cube", "red cup");
        assertThat(dets.get(2).box().xMin()).isCloseTo(0.6 * 640, within(1e-3));
        assertThat(dets).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));

        assertThat(decode(new DetectionConfig(0.05, 0.9, 100, 0.0))).hasSize(4);  // a looser IoU keeps the overlap
    }

    @Test
    void appliesTheScoreThresholdAndTheCandidateLimit() {
        cell(0, 4, 0, 0, 0.1f, 0.1f, 0.2f, 0.2f);
        cell(2, -1, 0, 0, 0.5f, 0.1f, 0.6f, 0.2f);   // sigmoid(-1) * ~0.987 ~ 0.265
        cell(11, -4, 0, 0, 0.7f, 0.7f, 0.8f, 0.8f);  // ~0.018: under the pack's 0.05
        assertThat(decode()).hasSize(2);
        assertThat(decode(new DetectionConfig(0.3, 0.6, 100, 0.0))).hasSize(1);
        assertThat(decode(new DetectionConfig(0.0, 0.6, 1, 0.0))).hasSize(1);
        assertThat(decode(new DetectionConfig(0.01, 0.6, 100, 0.0))).hasSize(3);
    }

    @Test
    void aClassThresholdReplacesTheScoreThresholdForThatClass() {
        cell(0, 4, 0, 0, 0.1f, 0.1f, 0.2f, 0.2f);     // red cup, ~0.97
        cell(2, -1, 0, 0, 0.5f, 0.1f, 0.6f, 0.2f);    // red cup, ~0.265
        cell(9, -1, 1, 1, 0.1f, 0.7f, 0.2f, 0.8f);    // blue cube, ~0.265
        assertThat(decode(new DetectionConfig(0.3, 0.6, 100, 0.0))).hasSize(1);
        // cubes at 0.2 (below the 0.3 of the rest), cups at 0.5
        DetectionConfig perClass = new DetectionConfig(0.3, 0.6, 100, 0.0, Map.of("cube", 0.2, "cup", 0.5));
        assertThat(decode(perClass)).extracting(Detection::label).containsExactlyInAnyOrder("red cup", "blue cube");
        assertThat(perClass.threshold("ball")).isEqualTo(0.3);
        assertThatThrownBy(() -> new DetectionConfig(0.3, 0.6, 100, 0.0, Map.of("cup", 1.5))).hasMessageContaining("cup");
    }

    /** run publishes at the pack's operating point, per class where the manifest has them; eval keeps the full curve. */
    @Test
    void theOperatingPointCarriesThePacksPerClassThresholds() {
        DenseHeadSpec chosen = new DenseHeadSpec(3, 4, 5, 0, 1, 3, 3, 5, 0.05, 0.6, 0.0, java.util.OptionalDouble.of(0.35),
            Map.of("cube", 0.5));
        assertThat(DetectionConfig.operatingPoint(chosen).scoreThreshold()).isEqualTo(0.35);
        assertThat(DetectionConfig.operatingPoint(chosen).threshold("cube")).isEqualTo(0.5);
        assertThat(DetectionConfig.fromPack(chosen).threshold("cube")).isEqualTo(0.05);
        assertThat(DetectionConfig.atThreshold(chosen, 0.2).threshold("cube")).isEqualTo(0.2);
        assertThat(DetectionConfig.operatingPoint(HEAD).scoreThreshold()).isEqualTo(0.05);
    }

    @Test
    void refusesOutputsOfTheWrongSize() {
        ImageEncoding enc = new ImageEncoding(0, 10, 10, new float[1], 1, 1, Arrays.copyOf(logits, 7), boxes, 0, 0);
        assertThatThrownBy(() -> new DenseHeadDecoder(HEAD, SHAPES, COLOURS, DetectionConfig.fromPack(HEAD)).decode(enc))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 12 x 5");
        assertThatThrownBy(() -> new DenseHeadDecoder(HEAD, List.of("cup"), COLOURS, DetectionConfig.fromPack(HEAD)))
            .hasMessageContaining("2 shape and 2 colour channels, labels list 1 shapes");
        assertThatThrownBy(() -> new DetectionConfig(1.5, 0.5, 10, 0.0)).hasMessageContaining("score_threshold");
        assertThatThrownBy(() -> new DetectionConfig(0.05, 0.5, 10, 1.5)).hasMessageContaining("peak_box_iou");
    }

    /** The one way the service, eval and the INT8 guard build the decoder: the pack's thresholds unless others are given. */
    @Test
    void forPackUsesThePacksOperatingPointUnlessGivenAnother() {
        Path dir = Path.of("..", "models", "tabletop-vlm");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("manifest.json")), "no model pack in models/tabletop-vlm");
        PackManifest m = ModelPack.load(dir).manifest();
        DenseHeadSpec head = m.denseHead().orElseThrow();
        assertThat(DetectionDecoder.forPack(m, Optional.empty()).orElseThrow().config()).isEqualTo(DetectionConfig.fromPack(head));
        // the shipped pack's operating point was chosen on validation: above the full curve's 0.05
        assertThat(head.publishThreshold()).isGreaterThan(head.scoreThreshold());
        assertThat(head.publishThresholdPerClass().keySet()).isSubsetOf(m.shapes());
        DetectionConfig other = new DetectionConfig(0.5, 0.4, 10, 0.0);
        assertThat(DetectionDecoder.forPack(m, Optional.of(other)).orElseThrow().config()).isEqualTo(other);
    }
}
