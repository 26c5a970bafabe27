package io.sightline.perception.pack;

/**
 * The detection head of a pack, chosen by the manifest's {@code head.kind}; one decoder per kind
 * ({@link io.sightline.perception.detect.DetectionDecoder#forPack}).
 */
public sealed interface HeadSpec permits DenseHeadSpec, GflHeadSpec {
    /** The manifest's {@code head.kind}. */
    enum Kind {
        /** The tabletop encoder's dense head ({@code dense_head} section: objectness, shape and colour logits, xyxy boxes). */
        DENSE_VIT("dense-vit"),
        /** NanoDet's Generalized Focal Loss head: per-stride class scores and integral box distributions. */
        GFL("gfl");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    Kind kind();

    /** The image graph's outputs this head reads, by tensor name. */
    java.util.List<String> outputNames();

    /** The score a detection needs to be kept at all (the full curve, as eval uses it). */
    double scoreThreshold();

    /** Within one label, a box whose IoU with a higher-scoring kept box is at least this is dropped. */
    double nmsIou();

    /**
     * The score at which the pack's detections are published (its operating point): {@code head.publish_threshold}
     * where the pack sets one, else {@link #scoreThreshold()}.
     */
    double publishThreshold();

    /**
     * Per-class operating points where the pack sets them (dense head: {@code dense_head.publish_threshold_per_class},
     * keyed by shape); a class not listed publishes at {@link #publishThreshold()}. Empty for packs without them.
     */
    default java.util.Map<String, Double> publishThresholdPerClass() {
        return java.util.Map.of();
    }
}
