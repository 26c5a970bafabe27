package io.sightline.perception.pack;

import java.util.Map;

/**
 * What the manifest says about a pack's language decoder (grounding, described detection): absent for
 * detection-only packs, which have no {@code tokenizer}, {@code grammar}, {@code loc}, {@code decoder} sections and
 * no {@code embed_tokens} / {@code decoder} graphs.
 *
 * @param specialTokens token ids by name: {@code bos, eos, sep, pad, unk, image, separator (;), none}
 * @param maxNewTokens  default answer budget per task ({@code ground, detect, describe})
 * @param noneThresholds per task, the share of the first step's probability that {@code none} needs to be the
 *                      answer (the manifest's {@code prompt.none_threshold}); tasks not listed use
 *                      {@link PackManifest#DEFAULT_NONE_THRESHOLD}
 */
public record LanguageSpec(String grammar, LocSpec loc, int imageTokenId, int imageTokens,
                           Map<String, Integer> specialTokens, int vocabSize, DecoderGeometry decoder, String tokenizer,
                           Map<String, Integer> maxNewTokens, Map<String, Double> noneThresholds) {
    public LanguageSpec {
        specialTokens = PackManifest.ordered(specialTokens);
        maxNewTokens = PackManifest.ordered(maxNewTokens);
        noneThresholds = PackManifest.ordered(noneThresholds);
    }

    /** The id of a special token, or a {@link PackException} naming the missing key. */
    public int specialToken(String key) {
        Integer id = specialTokens.get(key);
        if (id == null) {
            throw new PackException(ModelPack.MANIFEST, "special_tokens has no '" + key + "'; has " + specialTokens.keySet());
        }
        return id;
    }

    /** The {@code none} threshold of a task ({@code ground, detect}): the manifest's, else the default. */
    public double noneThreshold(String task) {
        return noneThresholds.getOrDefault(task, PackManifest.DEFAULT_NONE_THRESHOLD);
    }
}
