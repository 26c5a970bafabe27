package io.sightline.perception.pack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code manifest.json} says about a pack (format written by {@code models/training/vlm/export.py}).
 *
 * @param graphs        by role: {@code vision_encoder}, {@code embed_tokens}, {@code decoder}
 * @param specialTokens token ids by name: {@code bos, eos, sep, pad, unk, image, separator (;), none}
 * @param denseHead     empty for packs without a dense head (they detect through the decoder)
 * @param maxNewTokens  default answer budget per task ({@code ground, detect, describe})
 * @param noneThresholds per task, the share of the first step's probability that {@code none} needs to be the
 *                      answer (the manifest's {@code prompt.none_threshold}); tasks not listed use
 *                      {@link #DEFAULT_NONE_THRESHOLD}
 * @param files         every file with its sha256, by path relative to the pack folder
 */
public record PackManifest(String name, String version, List<String> tasks, ImageSpec image, List<String> shapes,
                           List<String> colours, String grammar, LocSpec loc, int imageTokenId, int imageTokens,
                           Map<String, Integer> specialTokens, int vocabSize, DecoderGeometry decoder,
                           Optional<DenseHeadSpec> denseHead, Map<String, PackGraph> graphs, String tokenizer,
                           Map<String, Integer> maxNewTokens, Map<String, Double> noneThresholds,
                           Map<String, PackFile> files) {
    public static final String VISION_ENCODER = "vision_encoder";
    public static final String EMBED_TOKENS = "embed_tokens";
    public static final String DECODER = "decoder";
    /** {@code none} wins when p(none) >= p(some box): the rule of packs that do not set {@code prompt.none_threshold}. */
    public static final double DEFAULT_NONE_THRESHOLD = 0.5;

    public PackManifest {
        tasks = List.copyOf(tasks);
        shapes = List.copyOf(shapes);
        colours = List.copyOf(colours);
        specialTokens = ordered(specialTokens);
        graphs = ordered(graphs);
        maxNewTokens = ordered(maxNewTokens);
        noneThresholds = ordered(noneThresholds);
        files = ordered(files);
    }

    /** An unmodifiable copy that keeps the manifest's order (for listings people read). */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    /** The id of a special token, or a {@link PackException} naming the missing key. */
    public int specialToken(String key) {
        Integer id = specialTokens.get(key);
        if (id == null) {
            throw new PackException(ModelPack.MANIFEST, "special_tokens has no '" + key + "'; has " + specialTokens.keySet());
        }
        return id;
    }

    /** The {@code none} threshold of a task ({@code ground, detect}): the manifest's, else {@link #DEFAULT_NONE_THRESHOLD}. */
    public double noneThreshold(String task) {
        return noneThresholds.getOrDefault(task, DEFAULT_NONE_THRESHOLD);
    }

    public PackGraph graph(String role) {
        PackGraph g = graphs.get(role);
        if (g == null) {
            throw new PackException(ModelPack.MANIFEST, "graphs has no '" + role + "'; has " + graphs.keySet());
        }
        return g;
    }
}
