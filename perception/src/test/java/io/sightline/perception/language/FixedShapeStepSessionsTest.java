package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.pack.TestPacks;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FixedShapeStepSessionsTest {
    private static PackManifest manifest;
    private static List<TensorSpec> decoderInputs;

    @BeforeAll
    static void readPack() {
        ModelPack pack = ModelPack.load(TestPacks.require());
        manifest = pack.manifest();
        try (VlmModel vlm = VlmModel.open(pack.dir(), VlmOptions.onnxRuntime(1))) {
            decoderInputs = vlm.language().orElseThrow().stepSessionInputs();
        }
    }

    /** A session that only records that it was opened and closed. */
    private static final class Recorded extends FakeSession {
        final Map<String, Long> dims;

        Recorded(Map<String, Long> dims) {
            super(inputs -> {
                throw new UnsupportedOperationException();
            });
            this.dims = dims;
        }
    }

    @Test
    void thePacksDecoderGetsEveryDynamicDimensionFixedForAStep() {
        // the step session reports static shapes once opened fixed; the names come from the prompt session's inputs
        assertThat(decoderInputs).allSatisfy(s -> assertThat(s.hasDynamicDims()).as(s.name()).isFalse());
        assertThat(decoderInputs).anySatisfy(s -> assertThat(s.shape()).containsExactly(1, LanguageDecoder.initialSlots(manifest) + 1));
    }

    @Test
    void dimensionsFollowTheInputsRoles() {
        List<TensorSpec> inputs = List.of(
            new TensorSpec("inputs_embeds", ElementType.FLOAT32, new long[]{-1, -1, 160}, List.of("batch", "sequence", "")),
            new TensorSpec("attention_mask", ElementType.INT64, new long[]{-1, -1}, List.of("batch", "total_sequence")),
            new TensorSpec("position_ids", ElementType.INT64, new long[]{-1, -1}, List.of("batch", "sequence")),
            past("past_key_values.0.key"), past("past_key_values.0.value"), past("past_key_values.1.key"),
            past("past_key_values.1.value"), past("past_key_values.2.key"), past("past_key_values.2.value"));
        assertThat(FixedShapeStepSessions.dimensions(manifest, inputs, 224)).contains(
            Map.of("batch", 1L, "sequence", 1L, "past_sequence", 224L, "total_sequence", 225L));
    }

    @Test
    void oneNameForTwoSizesOrAnUnnamedDynamicDimensionLeavesShapesDynamic() {
        List<TensorSpec> clash = new ArrayList<>(List.of(
            new TensorSpec("inputs_embeds", ElementType.FLOAT32, new long[]{-1, -1, 160}, List.of("batch", "n", "")),
            new TensorSpec("attention_mask", ElementType.INT64, new long[]{-1, -1}, List.of("batch", "n"))));
        assertThat(FixedShapeStepSessions.dimensions(manifest, clash, 224)).isEmpty();
        List<TensorSpec> unnamed = List.of(
            new TensorSpec("inputs_embeds", ElementType.FLOAT32, new long[]{-1, -1, 160}, List.of("batch", "", "")));
        assertThat(FixedShapeStepSessions.dimensions(manifest, unnamed, 224)).isEmpty();
    }

    @Test
    void aNewCacheSizeClosesTheOldSessionAndOpensAnother() {
        List<Recorded> opened = new ArrayList<>();
        FixedShapeStepSessions steps = new FixedShapeStepSessions(dims -> {
            Recorded r = new Recorded(dims);
            opened.add(r);
            return r;
        }, slots -> Map.of("past_sequence", (long) slots));
        InferenceSession a = steps.forSlots(320);
        assertThat(steps.forSlots(320)).isSameAs(a);
        InferenceSession b = steps.forSlots(640);
        assertThat(opened).hasSize(2);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(opened.get(1).dims).containsEntry("past_sequence", 640L);
        steps.close();
        assertThat(((Recorded) b).closed).isTrue();
    }

    private static TensorSpec past(String name) {
        return new TensorSpec(name, ElementType.FLOAT32, new long[]{-1, 2, -1, 40}, List.of("batch", "", "past_sequence", ""));
    }
}
