package io.sightline.perception.pack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code manifest.json} says about a pack (format written by {@code models/training/vlm/export.py} and by
 * {@code sightline pack import}).
 *
 * @param shapes   the label list: {@code labels.shapes} (with colours: "cup"), else {@code labels.all} ("person")
 * @param colours  {@code labels.colours}; empty for packs whose labels have no colour (COCO)
 * @param language empty for detection-only packs (no tokenizer, decoder or embed graphs: no grounding)
 * @param head     the detection head; empty for packs without one (they detect through the decoder)
 * @param graphs   by role: {@code vision_encoder}, {@code embed_tokens}, {@code decoder}, or the head's graph
 * @param files    every file with its sha256, by path relative to the pack folder
 */
public record PackManifest(String name, String version, List<String> tasks, ImageSpec image, List<String> shapes,
                           List<String> colours, Optional<LanguageSpec> language, Optional<HeadSpec> head,
                           Map<String, PackGraph> graphs, Map<String, PackFile> files) {
    public static final String VISION_ENCODER = "vision_encoder";
    public static final String EMBED_TOKENS = "embed_tokens";
    public static final String DECODER = "decoder";
    /** {@code none} wins when p(none) >= p(some box): the rule of packs that do not set {@code prompt.none_threshold}. */
    public static final double DEFAULT_NONE_THRESHOLD = 0.5;

    public PackManifest {
        tasks = List.copyOf(tasks);
        shapes = List.copyOf(shapes);
        colours = List.copyOf(colours);
        graphs = ordered(graphs);
        files = ordered(files);
    }

    /** An unmodifiable copy that keeps the manifest's order (for listings people read). */
    static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The language decoder's description, or a {@link PackException} saying the pack has none. */
    public LanguageSpec requireLanguage() {
        return language.orElseThrow(() -> new PackException(ModelPack.MANIFEST, "model pack " + name
            + " has no language decoder (no tokenizer, embed_tokens or decoder graphs): grounding is unavailable"));
    }

    /** The dense-vit head, when that is the pack's head. */
    public Optional<DenseHeadSpec> denseHead() {
        return head.filter(DenseHeadSpec.class::isInstance).map(DenseHeadSpec.class::cast);
    }

    /** The role of the graph that runs on the image: the GFL head's graph, else {@link #VISION_ENCODER}. */
    public String imageGraphRole() {
        return head.filter(GflHeadSpec.class::isInstance).map(h -> ((GflHeadSpec) h).graph()).orElse(VISION_ENCODER);
    }

    public PackGraph graph(String role) {
        PackGraph g = graphs.get(role);
        if (g == null) {
            throw new PackException(ModelPack.MANIFEST, "graphs has no '" + role + "'; has " + graphs.keySet());
        }
        return g;
    }
}
