package io.sightline.perception.pack;

/** The decoder's KV-cache geometry: past tensors are {@code [batch, kvHeads, past, headDim]} per layer. */
public record DecoderGeometry(int layers, int hiddenSize, int kvHeads, int headDim) {
}
