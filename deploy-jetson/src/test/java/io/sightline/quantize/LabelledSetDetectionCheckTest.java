package io.sightline.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackManifest;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection-only pack's INT8 guard on the real photos: the shipped coco-nanodet pack and test-scenes/real. */
class LabelledSetDetectionCheckTest {
    static final Path PACK = Path.of("..", "models", "coco-nanodet");
    static final Path REAL = Path.of("..", "test-scenes", "real");
    /** Val images with objects the detector finds: a cat, a person, a bus scene. */
    static final Set<String> IMAGES = Set.of("ski-chelsea.png", "ski-astronaut.png", "doc-pexels_double_decker_bus.jpg");

    @TempDir
    Path tmp;

    private static List<LabelledImageSet.LabelledImage> someValImages() {
        return LabelledImageSet.read(REAL).split(LabelledImageSet.Split.VAL).stream()
            .filter(i -> IMAGES.contains(i.file().getFileName().toString())).toList();
    }

    @Test
    void passesTheSameGraphAndRefusesOneThatLosesDetections() throws Exception {
        PackManifest manifest = ModelPack.load(PACK).manifest();
        Path fp32 = PACK.resolve(manifest.graph(manifest.imageGraphRole()).file());
        List<LabelledImageSet.LabelledImage> images = someValImages();
        assertThat(images).hasSize(3);
        LabelledSetDetectionCheck check = new LabelledSetDetectionCheck(manifest, images,
            OnnxRuntimeOptions.defaults().withIntraOpThreads(1), 1.0);

        AccuracyVerdict same = check.evaluate(fp32, fp32);
        assertThat(same.passed()).isTrue();
        assertThat(same.standIn()).isFalse();
        assertThat(same.fp32().get("detection.map50")).isGreaterThan(0.3).isEqualTo(same.int8().get("detection.map50"));

        // a QDQ graph whose activation ranges are far too narrow: the clipped features lose the objects
        ModelProto model = OnnxModelFile.read(fp32);
        QuantizationPlan plan = QuantizationPlan.of(model, QuantizationScope.WEIGHTED);
        Map<String, Double> amax = new LinkedHashMap<>();
        plan.activations().forEach(a -> amax.put(a, 0.02));
        Path broken = tmp.resolve("broken.onnx");
        Files.write(broken, QdqModelBuilder.build(model, plan, amax).toByteArray());
        AccuracyVerdict worse = check.evaluate(fp32, broken);
        assertThat(worse.passed()).isFalse();
        assertThat(worse.int8().get("detection.map50")).isLessThan(worse.fp32().get("detection.map50") - 0.01);
        assertThat(worse.reason()).contains("3 validation image(s)").contains("> 1.00");
    }
}
