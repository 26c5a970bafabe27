/**
 * The language side of the VLM: {@link io.sightline.perception.language.LanguageDecoder#generate} takes an
 * {@link io.sightline.perception.vision.ImageEncoding} and a typed {@link io.sightline.perception.language.Prompt}
 * ({@link io.sightline.perception.language.Task} + text) and returns a
 * {@link io.sightline.perception.language.Generation}: prompt ids from DJL's tokenizer
 * ({@link io.sightline.perception.language.PromptEncoder}), image rows placed at {@code <image>} tokens, greedy decoding
 * against the decoder's own {@code KvCache}, constrained by {@link io.sightline.perception.language.LocGrammar}, whose
 * states also build the answer's {@link io.sightline.perception.language.LocResult boxes}. The answer grammar is
 * {@code paligemma-loc} ({@code florence2-loc} packs are refused when the manifest is read); no text parser is
 * needed (the tests keep one, {@code PaligemmaLocParser}, to check that the text and the boxes agree).
 * {@link io.sightline.perception.language.DecodeBenchmark} times the KV cache against recomputation.
 */
package io.sightline.perception.language;
