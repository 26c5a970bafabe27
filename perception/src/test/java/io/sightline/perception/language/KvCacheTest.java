package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache on one layer, 2 KV heads of head_dim 1: presents written as head * 100 + slot show where each lands. */
class KvCacheTest {
    static final DecoderTensors NAMES = new DecoderTensors("inputs_embeds", "attention_mask", "position_ids",
        List.of("past_key_values.0.key", "past_key_values.0.value"), List.of("present.0.key", "present.0.value"),
        "logits", "input_ids", "inputs_embeds");

    /** Presents of {@code slots} slots, value {@code base + head * 100 + slot}. */
    private static Map<String, Tensor> presents(int slots, float base) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : NAMES.presentOutputs()) {
            float[] v = new float[2 * slots];
            for (int h = 0; h < 2; h++) {
                for (int s = 0; s < slots; s++) {
                    v[h * slots + s] = base + h * 100 + s;
                }
            }
            out.put(name, Tensor.of(v, 1, 2, slots, 1));
        }
        return out;
    }

    private static Map<String, Tensor> bound(KvCache cache) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        cache.bind(in);
        return in;
    }

    private static float[] past(KvCache cache) {
        return bound(cache).get("past_key_values.0.key").toFloatArray();
    }

    @Test
    void aPromptStepAttendsToEveryTokenWithAnEmptyPastAndKeepsItsPresents() {
        KvCache cache = new KvCache(NAMES, 2, 1, 4);
        cache.preparePrompt(3);
        Map<String, Tensor> in = bound(cache);
        assertThat(in).containsOnlyKeys("attention_mask", "position_ids", "past_key_values.0.key", "past_key_values.0.value");
        assertThat(in.get("attention_mask").shape()).containsExactly(1, 3);
        assertThat(longs(in.get("attention_mask"))).containsExactly(1, 1, 1);
        assertThat(longs(in.get("position_ids"))).containsExactly(0, 1, 2);
        assertThat(in.get("past_key_values.0.key").shape()).containsExactly(1, 2, 0, 1);
        cache.keepPrompt(presents(3, 0), 3);
        assertThat(cache.length()).isEqualTo(3);
        assertThat(past(cache)).containsExactly(0, 1, 2, 0, 100, 101, 102, 0);
    }

    @Test
    void aStepMasksTheEmptySlotsAndLandsInTheFirstOne() {
        KvCache cache = new KvCache(NAMES, 2, 1, 4);
        assertThatThrownBy(cache::prepareStep).isInstanceOf(IllegalStateException.class);
        cache.preparePrompt(2);
        cache.keepPrompt(presents(2, 0), 2);
        cache.prepareStep();
        Map<String, Tensor> in = bound(cache);
        assertThat(longs(in.get("attention_mask"))).containsExactly(1, 1, 0, 0, 1);
        assertThat(longs(in.get("position_ids"))).containsExactly(2);
        // the step's presents have capacity + 1 slots; the new token is the last
        cache.appendStep(presents(5, 1000));
        assertThat(cache.length()).isEqualTo(3);
        assertThat(past(cache)).containsExactly(0, 1, 1004, 0, 100, 101, 1104, 0);
    }

    @Test
    void growsInMultiplesOf32AtLeastDoublingAndKeepsTheValidSlots() {
        KvCache cache = new KvCache(NAMES, 2, 1, 2);
        cache.preparePrompt(2);
        cache.keepPrompt(presents(2, 0), 2);
        assertThat(cache.ensureRoom(2)).isFalse();
        assertThat(cache.ensureStep()).isTrue();
        assertThat(cache.capacity()).isEqualTo(4);
        assertThat(past(cache)).containsExactly(0, 1, 0, 0, 100, 101, 0, 0);
        assertThat(cache.ensureStep()).isFalse();
        assertThat(cache.ensureRoom(5)).isTrue();
        assertThat(cache.capacity()).isEqualTo(32);
        assertThat(cache.ensureRoom(40)).isTrue();
        assertThat(cache.capacity()).isEqualTo(64);
        assertThat(cache.ensureRoom(129)).isTrue();
        assertThat(cache.capacity()).isEqualTo(160);
        assertThat(past(cache)).startsWith(0, 1, 0).contains(100, 101);
        cache.clear();
        assertThat(cache.length()).isZero();
    }

    private static long[] longs(Tensor t) {
        long[] v = new long[(int) t.elementCount()];
        t.longs().get(0, v);
        return v;
    }
}
