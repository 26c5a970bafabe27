package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.perception.pack.TestPacks;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generation on the pack's fixture frames: grammar-valid answers, KV cache equal to recomputation, limits. */
class LanguageDecoderTest {
    private static VlmModel vlm;
    private static ImageEncoding encoding;
    private static Prompt groundPrompt;

    @BeforeAll
    static void open() {
        Path pack = TestPacks.require();
        vlm = VlmModel.open(pack, VlmOptions.onnxRuntime(2));
        JsonNode c = TestPacks.fixtures(pack).path("cases").get(0);
        groundPrompt = c.path("prompt").asText().startsWith("ground") ? Prompt.parse(c.path("prompt").asText())
            : Prompt.ground("the red cup");
        try (Mat bgr = opencv_imgcodecs.imread(pack.resolve("fixtures").resolve(c.path("image").asText()).toString())) {
            encoding = vlm.encoder().encode(0, bgr);
        }
    }

    @AfterAll
    static void close() {
        if (vlm != null) {
            vlm.close();
        }
    }

    private static LanguageDecoder lang() {
        return vlm.language().orElseThrow();
    }

    @Test
    void cachedDecodingGivesTheSameTokensAsRecomputing() {
        for (Prompt prompt : new Prompt[]{groundPrompt, Prompt.detect(), Prompt.describe()}) {
            Generation cached = lang().generate(encoding, prompt, 12, DecodeMode.KV_CACHE);
            Generation recomputed = lang().generate(encoding, prompt, 12, DecodeMode.RECOMPUTE);
            assertThat(cached.tokens()).as(prompt.words()).isEqualTo(recomputed.tokens());
            assertThat(cached.text()).isEqualTo(recomputed.text());
        }
    }

    /** A cache that outgrows its slots mid-answer is re-laid out without changing any logit. */
    @Test
    void growingTheCacheMidAnswerKeepsTheLogits() {
        long[] ids = lang().prompts().encode(Prompt.detect());
        // more tokens than the initial cache holds after the prompt: the cache (and the step session) must grow
        int steps = LanguageDecoder.initialSlots(vlm.pack().manifest()) - ids.length + 16;
        float[][] small = new float[steps + 1][];
        small[0] = lang().startPrompt(encoding, ids, 1);
        for (int i = 1; i <= steps; i++) {
            small[i] = lang().nextLogits(argmax(small[i - 1]));
        }
        float[] big = lang().startPrompt(encoding, ids, steps + 1);
        for (int i = 0; i <= steps; i++) {
            assertThat(TestPacks.maxAbsDiff(big, small[i])).as("step " + i).isLessThan(1e-4);
            if (i < steps) {
                big = lang().nextLogits(argmax(big));
            }
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

    @Test
    void groundingAnswersOneBoxOrNone() {
        Generation g = lang().generate(encoding, groundPrompt, 8);
        assertThat(g.prompt()).isEqualTo(groundPrompt);
        if (g.isNone()) {
            assertThat(g.locs()).isEmpty();
            assertThat(g.tokens()).hasSize(2);
        } else {
            assertThat(g.stopReason()).isEqualTo(StopReason.EOS);
            assertThat(g.tokens()).hasSize(7);
            assertThat(g.locs()).hasSize(1);
            assertThat(new PaligemmaLocParser(vlm.pack().manifest().requireLanguage().loc().bins()).parseStrict(g.text())).isEqualTo(g.locs());
            assertThat(g.locs().get(0).label().split(" ")).hasSize(2);
        }
        assertThat(g.tokens().get(g.tokens().size() - 1)).isEqualTo(vlm.pack().manifest().requireLanguage().specialToken("eos"));
        assertThat(g.timeToFirstTokenNanos()).isPositive().isLessThanOrEqualTo(g.totalNanos());
    }

    /**
     * The ground prompt's none threshold comes from the pack unless the options replace it, and it decides the start:
     * near 0, {@code none} wins over any box; near 1, any box wins over {@code none}. Detect keeps the pack's.
     */
    @Test
    void theGroundNoneThresholdOverrideDecidesBetweenNoneAndABox() {
        Path pack = TestPacks.require();
        assertThat(lang().grammar(Task.GROUND).noneThreshold()).isEqualTo(vlm.pack().manifest().requireLanguage().noneThreshold("ground"));
        for (double t : new double[]{1e-9, 1 - 1e-9}) {
            try (VlmModel other = VlmModel.open(pack, VlmOptions.onnxRuntime(1).withGroundNoneThreshold(t))) {
                assertThat(other.language().orElseThrow().grammar(Task.GROUND).noneThreshold()).isEqualTo(t);
                assertThat(other.language().orElseThrow().grammar(Task.DETECT).noneThreshold())
                    .isEqualTo(other.pack().manifest().requireLanguage().noneThreshold("detect"));
                Generation g = other.language().orElseThrow().generate(encoding, groundPrompt, 8);
                assertThat(g.isNone()).as("threshold %s, answer %s", t, g.text()).isEqualTo(t < 0.5);
            }
        }
    }

    @Test
    void detectAnswersAlwaysParse() {
        Generation g = lang().generate(encoding, Prompt.detect(), 64);
        if (g.stopReason() == StopReason.EOS && !g.isNone()) {
            // every group complete: strict parsing succeeds unless a box has min after max (then lenient skips it)
            assertThat(g.text().split(";").length).isGreaterThanOrEqualTo(g.locs().size());
            assertThat(g.text()).matches("(<loc\\d{4}>){4} \\S+ \\S+( ; (<loc\\d{4}>){4} \\S+ \\S+)*");
            // the grammar walk's boxes are the ones the text says
            assertThat(g.locs()).isEqualTo(new PaligemmaLocParser(vlm.pack().manifest().requireLanguage().loc().bins()).parse(g.text()));
        }
    }

    @Test
    void describeProducesWordsOnly() {
        Generation g = lang().generate(encoding, Prompt.describe(), 16);
        assertThat(g.text()).doesNotContain("<loc", "<image>", "<bos>", "<sep>", "<pad>", "<unk>");
        assertThat(g.locs()).isEmpty();
    }

    @Test
    void stopsAtTheTokenBudget() {
        Generation g = lang().generate(encoding, groundPrompt, 1);
        assertThat(g.tokens()).hasSize(1);
        assertThat(g.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(g.locs()).isEmpty();
        assertThat(g.tokensPerSecond()).isZero();
    }

    @Test
    void refusesAnEmptyBudget() {
        assertThatThrownBy(() -> lang().generate(encoding, Prompt.detect(), 0)).hasMessageContaining("maxTokens must be positive");
    }

    @Test
    void manifestDefaultsGiveTheTokenBudget() {
        assertThat(lang().defaultMaxTokens(Task.GROUND)).isEqualTo(
            vlm.pack().manifest().requireLanguage().maxNewTokens().getOrDefault("ground", 32));
        Generation g = lang().generate(encoding, Prompt.describe());
        assertThat(g.tokens().size()).isLessThanOrEqualTo(lang().defaultMaxTokens(Task.DESCRIBE));
    }
}
