package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.runtime.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fake embed_tokens graph (row of id i = [i, -i]) that records the ids it was asked for. */
class TokenEmbeddingsTest {
    private final List<List<Long>> calls = new ArrayList<>();
    private final FakeSession table = new FakeSession(inputs -> {
        Tensor ids = inputs.get("input_ids");
        int n = (int) ids.shape()[1];
        List<Long> asked = new ArrayList<>();
        float[] rows = new float[2 * n];
        for (int i = 0; i < n; i++) {
            long id = ids.longs().get(i);
            asked.add(id);
            rows[2 * i] = id;
            rows[2 * i + 1] = -id;
        }
        calls.add(asked);
        return Map.of("inputs_embeds", Tensor.of(rows, 1, n, 2));
    });

    @Test
    void looksUpTheIdsItHasNotSeenBeforeInOneCallAndCopiesTheRest() {
        TokenEmbeddings e = new TokenEmbeddings(table, KvCacheTest.NAMES, 50, 2);
        FloatBuffer out = FloatBuffer.allocate(8);
        e.write(new long[]{3, 7, 3, 9}, out);
        assertThat(out.array()).containsExactly(3, -3, 7, -7, 3, -3, 9, -9);
        // every position whose id had no row when the call began (so a repeat within the call too)
        assertThat(calls).containsExactly(List.of(3L, 7L, 3L, 9L));
        FloatBuffer again = FloatBuffer.allocate(6);
        e.write(new long[]{9, 40, 7}, again);
        assertThat(again.array()).containsExactly(9, -9, 40, -40, 7, -7);
        assertThat(calls).containsExactly(List.of(3L, 7L, 3L, 9L), List.of(40L));
        e.close();
        assertThat(table.closed).isTrue();
    }

    @Test
    void refusesAnIdOutsideTheVocabulary() {
        TokenEmbeddings e = new TokenEmbeddings(table, KvCacheTest.NAMES, 50, 2);
        assertThatThrownBy(() -> e.write(new long[]{50}, FloatBuffer.allocate(2)))
            .hasMessage("token id 50 outside the vocabulary of 50");
        assertThat(calls).isEmpty();
    }
}
