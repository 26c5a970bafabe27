package io.sightline.perception.vlm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.perception.language.LanguageDecoder;
import io.sightline.perception.language.Prompt;
import io.sightline.perception.pack.TestPacks;
import io.sightline.perception.vision.ImageEncoding;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java runtime against the training side's fixtures ({@code fixtures/fixtures.json}, written by
 * {@code models/training/vlm/export.py write_fixtures}): the OpenCV preprocessing, the encoder outputs, DJL's
 * prompt ids, the step-0 logits (zero-length past, image rows replaced) and the cached step-1 logits, each
 * within the fixtures' tolerance (1e-4, max absolute difference).
 */
class PackParityTest {
    private static Path pack;
    private static JsonNode fixtures;
    private static VlmModel vlm;

    @BeforeAll
    static void open() {
        pack = TestPacks.require();
        fixtures = TestPacks.fixtures(pack);
        vlm = VlmModel.open(pack, VlmOptions.onnxRuntime(2));
    }

    @AfterAll
    static void close() {
        if (vlm != null) {
            vlm.close();
        }
    }

    private static double tolerance() {
        return fixtures.path("tolerance").asDouble(1e-4);
    }

    private static ImageEncoding encodeCase(JsonNode c) {
        try (Mat bgr = opencv_imgcodecs.imread(pack.resolve("fixtures").resolve(c.path("image").asText()).toString())) {
            assertThat(bgr.empty()).as("fixture image readable").isFalse();
            return vlm.encoder().encode(0, bgr);
        }
    }

    @Test
    void encoderMatchesFixtures() {
        assertThat(fixtures.path("cases").size()).isPositive();
        for (JsonNode c : fixtures.path("cases")) {
            ImageEncoding enc = encodeCase(c);
            String name = c.path("image").asText();
            double pixels = TestPacks.maxAbsDiff(vlm.encoder().lastPixelValues(), TestPacks.tensor(pack, c, "pixel_values"));
            double features = TestPacks.maxAbsDiff(enc.imageFeatures(), TestPacks.tensor(pack, c, "image_features"));
            double logits = TestPacks.maxAbsDiff(enc.detLogits(), TestPacks.tensor(pack, c, "det_logits"));
            double boxes = TestPacks.maxAbsDiff(enc.detBoxes(), TestPacks.tensor(pack, c, "det_boxes"));
            System.out.printf("parity %s: pixel_values %.2e image_features %.2e det_logits %.2e det_boxes %.2e%n",
                name, pixels, features, logits, boxes);
            assertThat(pixels).as(name + " pixel_values").isLessThanOrEqualTo(tolerance());
            assertThat(features).as(name + " image_features").isLessThanOrEqualTo(tolerance());
            assertThat(logits).as(name + " det_logits").isLessThanOrEqualTo(tolerance());
            assertThat(boxes).as(name + " det_boxes").isLessThanOrEqualTo(tolerance());
        }
    }

    @Test
    void promptIdsAndDecoderStepsMatchFixtures() {
        LanguageDecoder lang = vlm.language().orElseThrow();
        for (JsonNode c : fixtures.path("cases")) {
            String name = c.path("image").asText();
            long[] want = new long[c.path("input_ids").size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = c.path("input_ids").get(i).asLong();
            }
            long[] ids = lang.prompts().encode(Prompt.parse(c.path("prompt").asText()));
            assertThat(ids).as(name + " prompt ids").containsExactly(want);
            assertThat(lang.prompts().promptText(Prompt.parse(c.path("prompt").asText()))).isEqualTo(c.path("prompt_text").asText());

            ImageEncoding enc = encodeCase(c);
            float[] step0 = lang.startPrompt(enc, ids, 4);
            double d0 = TestPacks.maxAbsDiff(step0, TestPacks.tensor(pack, c, "step0_logits_last"));
            int next = argmax(step0);
            assertThat(next).as(name + " step0 argmax").isEqualTo(c.path("step0").path("argmax").asInt());
            float[] step1 = lang.nextLogits(next);
            double d1 = TestPacks.maxAbsDiff(step1, TestPacks.tensor(pack, c, "step1_logits"));
            System.out.printf("parity %s: step0_logits_last %.2e step1_logits %.2e%n", name, d0, d1);
            assertThat(d0).as(name + " step0 logits").isLessThanOrEqualTo(tolerance());
            assertThat(d1).as(name + " step1 logits").isLessThanOrEqualTo(tolerance());
        }
    }

    /**
     * When the fixtures carry {@code dense_detections} (label, score, box xyxy normalised, from training's
     * {@code decode_dense} at the manifest thresholds), the Java decoder must give the same list.
     */
    @Test
    void denseDetectionsMatchFixturesWhenPresent() {
        int compared = 0;
        for (JsonNode c : fixtures.path("cases")) {
            if (!c.has("dense_detections")) {
                continue;
            }
            ImageEncoding enc = encodeCase(c);
            var dets = vlm.detections().orElseThrow().decode(enc);
            JsonNode want = c.path("dense_detections");
            assertThat(dets).as(c.path("image").asText()).hasSize(want.size());
            for (int i = 0; i < dets.size(); i++) {
                JsonNode w = want.get(i);
                assertThat(dets.get(i).label()).isEqualTo(w.path("label").asText());
                assertThat(dets.get(i).score()).isCloseTo(w.path("score").asDouble(), org.assertj.core.api.Assertions.within(1e-4));
                assertThat(dets.get(i).box().xMin() / enc.sourceWidth())
                    .isCloseTo(w.path("box").get(0).asDouble(), org.assertj.core.api.Assertions.within(1e-4));
                assertThat(dets.get(i).box().yMax() / enc.sourceHeight())
                    .isCloseTo(w.path("box").get(3).asDouble(), org.assertj.core.api.Assertions.within(1e-4));
            }
            compared++;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(compared > 0,
            "fixtures.json has no dense_detections (older export): dense decoding checked by DetectionDecoderTest only");
    }

    @Test
    void tokenizerCasesMatchFixtures() {
        for (JsonNode c : fixtures.path("tokenizer_cases")) {
            long[] want = new long[c.path("ids").size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = c.path("ids").get(i).asLong();
            }
            assertThat(vlm.language().orElseThrow().prompts().encodeText(c.path("text").asText())).as(c.path("text").asText())
                .containsExactly(want);
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
