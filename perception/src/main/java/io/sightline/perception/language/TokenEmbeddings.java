package io.sightline.perception.language;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The {@code embed_tokens} graph, memoised per token id: the graph is a table lookup, so ids not seen before go
 * through it in one call and the rest are copied from the rows kept so far. A decoder step then costs one graph call
 * instead of two. Memory: at most vocab x hidden floats. Owns the session; not thread-safe.
 */
final class TokenEmbeddings implements AutoCloseable {
    private final InferenceSession session;
    private final String idsInput;
    private final String embedsOutput;
    private final int dim;
    private final float[][] rows;
    private Tensor ids;

    TokenEmbeddings(InferenceSession session, DecoderTensors names, int vocab, int dim) {
        this.session = session;
        this.idsInput = names.idsInput();
        this.embedsOutput = names.embedsOutput();
        this.dim = dim;
        this.rows = new float[vocab][];
    }

    /** Writes the rows of {@code seq} into {@code target}, {@code dim} floats per token. */
    void write(long[] seq, FloatBuffer target) {
        int missing = 0;
        for (long id : seq) {
            if (id < 0 || id >= rows.length) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + rows.length);
            }
            if (rows[(int) id] == null) {
                missing++;
            }
        }
        if (missing > 0) {
            lookUp(seq, missing);
        }
        for (int i = 0; i < seq.length; i++) {
            target.put(i * dim, rows[(int) seq[i]]);
        }
    }

    /** Runs the graph once on the {@code missing} ids of {@code seq} it has not seen and keeps their rows. */
    private void lookUp(long[] seq, int missing) {
        if (ids == null || ids.capacityBytes() < (long) missing * ElementType.INT64.byteSize()) {
            ids = Tensor.withCapacity(ElementType.INT64, Math.max(missing, 32), 1, 1);
        }
        LongBuffer in = ids.reshape(1, missing).longs();
        int k = 0;
        for (long id : seq) {
            if (rows[(int) id] == null) {
                in.put(k++, id);
            }
        }
        FloatBuffer out = session.run(Map.of(idsInput, ids)).get(embedsOutput).floats();
        for (int i = 0; i < missing; i++) {
            float[] row = new float[dim];
            out.get(i * dim, row);
            rows[(int) in.get(i)] = row;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
