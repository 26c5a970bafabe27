package io.sightline.cli.pack;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.perception.language.LanguageDecoder;
import io.sightline.perception.language.Prompt;
import io.sightline.perception.pack.PackFixtures;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Runs a pack's own fixtures through ONNX Runtime as the service runs them (preprocessing, encoder, dense head
 * outputs, the language decoder's first and cached steps) and compares every output with the fixture tensor, within
 * the fixtures' tolerance (max absolute difference, as the parity test). A sha256 only says the files are the ones
 * the manifest lists; this says the graphs still compute what training exported, so a weight changed together with
 * a recomputed sha256 is found.
 */
final class PackFixtureCheck {
    private static final List<String> ENCODER_OUTPUTS = List.of("pixel_values", "image_features", "det_logits", "det_boxes");

    /**
     * One output of one case.
     *
     * @param caseImage the case (its image file name)
     * @param output    the tensor compared
     * @param file      the fixture file holding the expected values
     * @param maxDiff   largest absolute difference (infinite for a length mismatch)
     */
    record Comparison(String caseImage, String output, Path file, double maxDiff) {
    }

    /**
     * @param tolerance   the fixtures' tolerance
     * @param comparisons every output compared, in order
     */
    record Result(double tolerance, List<Comparison> comparisons) {
        /** The comparison with the largest difference beyond the tolerance, if any. */
        Optional<Comparison> worstFailure() {
            return comparisons.stream().filter(c -> !(c.maxDiff() <= tolerance))
                .max(java.util.Comparator.comparingDouble(Comparison::maxDiff));
        }

        double largest() {
            return comparisons.stream().mapToDouble(Comparison::maxDiff).max().orElse(0);
        }
    }

    private PackFixtureCheck() {
    }

    /** Empty when the pack ships no fixtures. */
    static Optional<Result> run(Path packDir) {
        Optional<PackFixtures> fixtures = PackFixtures.of(packDir);
        if (fixtures.isEmpty()) {
            return Optional.empty();
        }
        PackFixtures f = fixtures.get();
        List<Comparison> out = new ArrayList<>();
        try (VlmModel vlm = VlmModel.open(packDir, VlmOptions.onnxRuntime(1))) {
            for (JsonNode c : f.cases()) {
                String name = c.path("image").asText();
                ImageEncoding enc = encode(vlm, f, c);
                float[][] got = {vlm.encoder().lastPixelValues(), enc.imageFeatures(), enc.detLogits(), enc.detBoxes()};
                for (int i = 0; i < ENCODER_OUTPUTS.size(); i++) {
                    String key = ENCODER_OUTPUTS.get(i);
                    if (got[i] != null && c.path("tensors").has(key)) {
                        out.add(compare(f, c, name, key, got[i]));
                    }
                }
                if (c.has("input_ids") && c.path("tensors").has("step0_logits_last") && vlm.language().isPresent()) {
                    LanguageDecoder lang = vlm.language().get();
                    long[] ids = new long[c.path("input_ids").size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = c.path("input_ids").get(i).asLong();
                    }
                    float[] step0 = lang.startPrompt(enc, ids, 4);
                    out.add(compare(f, c, name, "step0_logits_last", step0));
                    if (c.path("tensors").has("step1_logits")) {
                        // The fixture's step-1 token, so that both sides decode the same step.
                        int token = c.path("step1").path("input_ids").path(0).asInt(c.path("step0").path("argmax").asInt());
                        out.add(compare(f, c, name, "step1_logits", lang.nextLogits(token)));
                    }
                }
            }
        }
        return Optional.of(new Result(f.tolerance(), out));
    }

    private static ImageEncoding encode(VlmModel vlm, PackFixtures f, JsonNode c) {
        Path image = f.image(c);
        try (Mat bgr = opencv_imgcodecs.imread(image.toString())) {
            if (bgr.empty()) {
                throw new IllegalStateException(image + ": fixture image unreadable");
            }
            return vlm.encoder().encode(0, bgr);
        }
    }

    private static Comparison compare(PackFixtures f, JsonNode c, String name, String key, float[] got) {
        return new Comparison(name, key, f.tensorFile(c, key), PackFixtures.maxAbsDiff(got, f.tensor(c, key)));
    }
}
