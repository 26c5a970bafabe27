package io.sightline.perception.detect;

import io.sightline.perception.pack.DenseHeadSpec;
import io.sightline.perception.pack.GflHeadSpec;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.vision.ImageEncoding;
import java.util.List;
import java.util.Optional;

/**
 * Turns the image graph's head outputs into detections in source-frame pixels, best first. One implementation per
 * {@code head.kind} ({@link DenseHeadDecoder} for {@code dense-vit}, {@link GflDecoder} for {@code gfl}), built by
 * {@link #forPack}. Stateless apart from configuration; safe to share between threads.
 */
public sealed interface DetectionDecoder permits DenseHeadDecoder, GflDecoder {
    DetectionConfig config();

    List<Detection> decode(ImageEncoding encoding);

    /**
     * The pack's decoder, as the service, eval, {@code sightline detect} and the INT8 accuracy guard all build it:
     * the manifest's head and labels, {@code detection} or else the pack's thresholds ({@link DetectionConfig#fromPack},
     * the full curve); empty for a pack without a detection head.
     */
    static Optional<DetectionDecoder> forPack(PackManifest manifest, Optional<DetectionConfig> detection) {
        return manifest.head().map(h -> {
            DetectionConfig config = detection.orElseGet(() -> DetectionConfig.fromPack(h));
            return switch (h.kind()) {
                case DENSE_VIT -> new DenseHeadDecoder((DenseHeadSpec) h, manifest.shapes(), manifest.colours(), config);
                case GFL -> new GflDecoder((GflHeadSpec) h, manifest.image(), manifest.shapes(), config);
            };
        });
    }
}
