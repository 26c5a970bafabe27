package io.sightline.perception.language;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The decoder's key/value cache and the two inputs that index it, {@code attention_mask} and {@code position_ids}
 * (ARCHITECTURE.md section 4: zero-length past on the prompt step, positions 0-based, the mask one longer per step).
 *
 * <p>The cache is static-shaped (as HuggingFace's {@code StaticCache}): the past tensors always hold
 * {@link #capacity()} slots, of which the first {@link #length()} are valid, and a step's {@code attention_mask} is
 * {@code [1, capacity + 1]} with ones on the valid slots and on the new token (the decoder adds -1e9 to masked keys,
 * so empty slots get exactly zero attention weight). Every step therefore has the same input shapes: ONNX Runtime
 * reuses its output buffers and memory plan instead of re-planning for a new length each step (0.35 ms vs ~1 ms per
 * step measured on this model), and TensorRT stays on one profile shape. A step's new key/value (slot
 * {@code capacity} of the presents) is copied into slot {@code length}; RoPE positions come from
 * {@code position_ids}, so slot order does not matter. The capacity grows in multiples of 32 slots, at least
 * doubling, so requests with similar budgets share shapes; growing keeps the valid slots.
 *
 * <p>The tensors are host tensors over direct buffers that the garbage collector frees (nothing native to close);
 * they are allocated on growth only and reused across steps and requests. Not thread-safe.
 */
final class KvCache {
    private final DecoderTensors names;
    private final int kvHeads;
    private final int headDim;
    private int capacity;
    private int length;
    private Tensor mask;
    private Tensor positions;
    private Tensor[] past;

    KvCache(DecoderTensors names, int kvHeads, int headDim, int slots) {
        this.names = names;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        resize(slots);
    }

    /** Slots the past tensors hold. */
    int capacity() {
        return capacity;
    }

    /** Valid slots: the tokens the next step attends to (0 before a prompt step that keeps its presents). */
    int length() {
        return length;
    }

    /** Forgets the valid slots (a new prompt follows). */
    void clear() {
        length = 0;
    }

    /**
     * Room for a sequence of {@code tokens}: the capacity rounded up to 32 slots, at least doubled.
     *
     * @return whether the capacity changed (tensors sized by it must follow)
     */
    boolean ensureRoom(int tokens) {
        if (tokens <= capacity) {
            return false;
        }
        resize(Math.max((tokens + 31) / 32 * 32, 2 * capacity));
        return true;
    }

    /** Room for one more step: doubles a full cache. Returns whether the capacity changed. */
    boolean ensureStep() {
        if (length < capacity) {
            return false;
        }
        resize(2 * capacity);
        return true;
    }

    /** The inputs of a prompt step of {@code tokens} tokens: all attended to, positions 0.., a zero-length past. */
    void preparePrompt(int tokens) {
        LongBuffer m = mask.reshape(1, tokens).longs();
        LongBuffer pos = positions.reshape(1, tokens).longs();
        for (int i = 0; i < tokens; i++) {
            m.put(i, 1);
            pos.put(i, i);
        }
        for (Tensor p : past) {
            p.reshape(1, kvHeads, 0, headDim);
        }
        length = 0;
    }

    /** Keeps the presents of a prompt step of {@code tokens} tokens as the first valid slots. */
    void keepPrompt(Map<String, Tensor> out, int tokens) {
        for (int j = 0; j < past.length; j++) {
            Tensor present = present(out, j, tokens);
            past[j].reshape(1, kvHeads, capacity, headDim);
            copySlots(present.floats(), tokens, 0, past[j].floats(), 0, tokens);
        }
        length = tokens;
    }

    /** The inputs of one cached step: the valid slots and the new token attended to, the new token at position {@code length}. */
    void prepareStep() {
        if (length == 0) {
            throw new IllegalStateException("a cached step before a prompt step");
        }
        LongBuffer m = mask.reshape(1, capacity + 1).longs();
        for (int i = 0; i <= capacity; i++) {
            m.put(i, i < length || i == capacity ? 1 : 0);
        }
        positions.reshape(1, 1).longs().put(0, length);
    }

    /** Keeps the new token's key/value (slot {@code capacity} of the step's presents) in slot {@code length}. */
    void appendStep(Map<String, Tensor> out) {
        for (int j = 0; j < past.length; j++) {
            Tensor present = present(out, j, capacity + 1);
            copySlots(present.floats(), capacity + 1, capacity, past[j].floats(), length, 1);
        }
        length++;
    }

    /** Puts the mask, the positions and the past tensors, by the decoder's input names, into {@code inputs}. */
    void bind(Map<String, Tensor> inputs) {
        inputs.put(names.maskInput(), mask);
        inputs.put(names.positionsInput(), positions);
        for (int j = 0; j < past.length; j++) {
            inputs.put(names.pastInputs().get(j), past[j]);
        }
    }

    private void resize(int slots) {
        Tensor[] oldPast = past;
        int oldCapacity = capacity;
        capacity = slots;
        mask = Tensor.withCapacity(ElementType.INT64, slots + 1L, 1, 1);
        positions = Tensor.withCapacity(ElementType.INT64, slots, 1, 1);
        past = new Tensor[names.pastInputs().size()];
        for (int j = 0; j < past.length; j++) {
            past[j] = Tensor.withCapacity(ElementType.FLOAT32, (long) kvHeads * slots * headDim, 1, kvHeads, slots, headDim);
            if (oldPast != null && length > 0) {
                copySlots(oldPast[j].reshape(1, kvHeads, oldCapacity, headDim).floats(), oldCapacity, 0,
                    past[j].floats(), 0, length);
            }
        }
    }

    private Tensor present(Map<String, Tensor> out, int j, int slots) {
        Tensor present = out.get(names.presentOutputs().get(j));
        long[] shape = present.shapeView();
        if (shape.length != 4 || shape[0] != 1 || shape[1] != kvHeads || shape[2] != slots || shape[3] != headDim) {
            throw new IllegalStateException(names.presentOutputs().get(j) + " has shape " + Arrays.toString(shape)
                + ", expected [1, " + kvHeads + ", " + slots + ", " + headDim + "]");
        }
        return present;
    }

    /**
     * Copies {@code count} sequence slots per KV head from a {@code [1, kvh, srcSlots, hd]} buffer starting at slot
     * {@code srcFrom} into the {@code [1, kvh, capacity, hd]} cache starting at slot {@code dstFrom}.
     */
    private void copySlots(FloatBuffer src, int srcSlots, int srcFrom, FloatBuffer dst, int dstFrom, int count) {
        int len = count * headDim;
        for (int h = 0; h < kvHeads; h++) {
            int s = (h * srcSlots + srcFrom) * headDim;
            dst.put((h * capacity + dstFrom) * headDim, src, s, len);
        }
    }
}
