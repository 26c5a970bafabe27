package io.sightline.cli.replay;

import io.sightline.perception.detect.DetectionConfig;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.runtime.select.BackendPreference;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which model pack to run and how: shared by replay, offline ground, bench pipeline and eval. */
public final class ModelOptions {
    /** {@code --pack} on its own, for a command that needs a pack but none of the runtime choices ({@code calibrate int8}). */
    public static final class PackOption {
        @Option(names = "--pack", paramLabel = "DIR",
            description = "model pack folder (default: $SIGHTLINE_HOME/models/tabletop-vlm, else ./models/tabletop-vlm; "
                + "required by commands that write into the pack)")
        Path pack;

        /** The folder given with {@code --pack}, as given; empty when the option was not used. */
        public Optional<Path> explicit() {
            return Optional.ofNullable(pack);
        }

        public Path dir() {
            return PackLocation.resolve(pack);
        }

        public Path dir(String hint) {
            return PackLocation.resolve(pack, hint);
        }
    }

    /** {@code --threads} on its own, for a command that runs only the vision encoder on ONNX Runtime ({@code calibrate int8}). */
    public static final class ThreadsOption {
        @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads; 0 = ORT's default (one per core), except the vision encoder, which then "
                + "gets every core but one so that frame decoding, preprocessing and tracking run beside it, or every core when a "
                + "half-second probe at startup finds the encoder >= 10%% faster on it (default: ${DEFAULT-VALUE})")
        int threads;

        public int value() {
            return threads;
        }
    }

    @Mixin
    PackOption pack = new PackOption();

    @Option(names = "--backend", paramLabel = "auto|onnxruntime|tensorrt", defaultValue = "auto",
        description = "inference backend (default: ${DEFAULT-VALUE}: TensorRT when it loads, else ONNX Runtime)")
    String backend;

    @Option(names = "--precision", paramLabel = "fp32|int8", defaultValue = "fp32",
        description = "vision encoder graph: fp32, or int8 (the pack's vision_encoder_int8.onnx) (default: ${DEFAULT-VALUE})")
    String precision;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(names = "--spin-wait",
        description = "ONNX Runtime's worker threads spin between operators (ORT's own default) instead of sleeping, which is "
            + "Sightline's default because it leaves the cores to frame decoding and tracking")
    boolean spinWait;

    @Option(names = "--none-threshold", paramLabel = "P",
        description = "grounding: answer that nothing fits when 'none' holds at least this share of the decoder's first-step "
            + "probability (none against any box), strictly between 0 and 1; lower rejects more (default: the pack's "
            + "prompt.none_threshold.ground, else 0.5)")
    Double noneThreshold;

    /** True when {@code --pack} was given. */
    public boolean packGiven() {
        return pack.explicit().isPresent();
    }

    public Path packDir() {
        return pack.dir();
    }

    /** As {@link #packDir()}, with {@code hint} in the error when no pack is found. */
    public Path packDir(String hint) {
        return pack.dir(hint);
    }

    public VlmOptions options() {
        try {
            VlmOptions o = VlmOptions.onnxRuntime(threads.value()).withBackend(BackendPreference.parse(backend))
                .withPrecision(EncoderPrecision.parse(precision));
            if (noneThreshold != null) {
                o = o.withGroundNoneThreshold(noneThreshold);
            }
            return spinWait ? o.withOnnx(o.onnx().withSpinWait(true)) : o;
        } catch (IllegalArgumentException e) {
            throw new io.sightline.cli.UserFacingException(e.getMessage(), 2);
        }
    }

    /** Validates and opens the pack; a tampered or incomplete pack fails with the file and the mismatch. */
    public VlmModel open() {
        return VlmModel.open(packDir(), options());
    }

    /**
     * Opens the pack as {@code run} publishes: its detections at the pack's operating point ({@code publish_threshold},
     * per class where it has them) instead of the full curve that replay and eval score.
     */
    public VlmModel openAtOperatingPoint() {
        Path dir = packDir();
        VlmOptions o = options();
        return VlmModel.open(dir, ModelPack.readManifest(dir).head().map(h -> o.withDetection(DetectionConfig.operatingPoint(h))).orElse(o));
    }
}
