/**
 * The language side of the VLM: {@link io.sightline.perception.language.LanguageDecoder} (prompt ids from DJL's
 * tokenizer, image rows placed at {@code <image>} tokens, KV-cached greedy decoding constrained by
 * {@link io.sightline.perception.language.LocGrammar}) producing a {@link io.sightline.perception.language.Generation};
 * answer parsers {@link io.sightline.perception.language.PaligemmaLocParser} and
 * {@link io.sightline.perception.language.Florence2LocParser}; {@link io.sightline.perception.language.DecodeBenchmark}
 * (KV cache vs recompute).
 */
package io.sightline.perception.language;
