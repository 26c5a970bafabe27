package io.sightline.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.pack.ImageSpec;
import io.sightline.runtime.tensorrt.CalibrationCache;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end on the tiny encoder: frames on disk -> calibration -> guarded write into a pack folder. */
class Int8PackWriterTest {
    /** The tiny encoder's input: 8x8 RGB. */
    private static final ImageSpec IMAGE = new ImageSpec(8, 8, true, 1 / 255.0, new float[] {0.5f, 0.5f, 0.5f},
        new float[] {0.25f, 0.25f, 0.25f});
    @TempDir
    Path root;
    Path pack;
    Path scenes;

    @BeforeEach
    void makePackAndScenes() throws Exception {
        pack = Files.createDirectories(root.resolve("pack"));
        Files.write(pack.resolve(Int8Options.ENCODER), TinyEncoder.bytes());
        Files.writeString(pack.resolve("manifest.json"), """
            {"name": "tiny", "image": {"width": 8, "height": 8, "layout": "NCHW", "colour_order": "RGB",
             "scale": 0.00392156862745098, "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]},
             "files": {"vision_encoder.onnx": {"sha256": "%s", "bytes": %d}}}""".formatted(
            Int8PackWriter.sha256(TinyEncoder.bytes()), TinyEncoder.bytes().length));
        scenes = root.resolve("scenes");
        for (int s = 0; s < 2; s++) {
            Path frames = Files.createDirectories(scenes.resolve("seq-00" + s).resolve("frames"));
            for (int f = 0; f < 4; f++) {
                try (Mat m = new Mat(16, 16, opencv_core.CV_8UC3, new Scalar(40 * f, 200 - 30 * s, 60 + 20 * f, 0));
                     Mat noise = new Mat(16, 16, opencv_core.CV_8UC3)) {
                    opencv_core.randu(noise, new Mat(1, 1, opencv_core.CV_8U, new Scalar(0)), new Mat(1, 1, opencv_core.CV_8U, new Scalar(60)));
                    opencv_core.add(m, noise, m);
                    opencv_imgcodecs.imwrite(frames.resolve(String.format("%06d.png", f)).toString(), m);
                }
            }
        }
    }

    private Int8CalibrationResult calibrate(RangeMethod method) {
        return Int8Calibration.run(new Int8Options(pack, List.of(scenes), method, 99.9, 6, 1, 100300, 1, QuantizationScope.ALL), IMAGE);
    }

    @Test
    void theFusedScopeCalibratesConvOutputsAtTheirObservedMaximum() {
        Int8CalibrationResult r = Int8Calibration.run(new Int8Options(pack, List.of(scenes), RangeMethod.PERCENTILE, 90, 6, 1, 100300, 1,
            QuantizationScope.FUSED), IMAGE);
        assertThat(r.plan().outputs()).containsExactly("conv");
        TensorRange conv = r.ranges().stream().filter(t -> t.tensor().equals("conv")).findFirst().orElseThrow();
        assertThat(conv.amax()).isEqualTo(conv.observedMax());
        // the activations feeding MatMul/Gemm/Conv are clipped by the method (the 90th percentile is below the maximum)
        assertThat(r.ranges()).filteredOn(t -> r.plan().activations().contains(t.tensor()) && !t.tensor().equals("pixel_values"))
            .isNotEmpty().allSatisfy(t -> assertThat(t.amax()).isLessThan(t.observedMax()));
    }

    private static AccuracyVerdict verdict(boolean passed) {
        return new AccuracyVerdict("test metric", true, Map.of("m", 1.0), Map.of("m", passed ? 1.0 : 0.0), passed, passed ? "ok" : "too low");
    }

    @Test
    void passingGuardWritesModelCacheManifestAndReport() throws Exception {
        Int8CalibrationResult r = calibrate(RangeMethod.ENTROPY);
        assertThat(r.frames()).hasSize(6);
        assertThat(r.ranges()).hasSize(7).allSatisfy(t -> assertThat(t.amax()).isPositive().isLessThanOrEqualTo(t.observedMax()));
        assertThat(r.comparison().cosineMean()).isGreaterThan(0.95);
        assertThat(r.ranges().get(0).tensor()).isEqualTo("pixel_values");
        assertThat(r.ranges().get(0).amax()).isEqualTo(r.ranges().get(0).observedMax()); // graph input: never clipped
        assertThat(r.comparison().fp32MedianMs()).isPositive();

        Int8PackWriter.Outcome out = Int8PackWriter.write(r, (fp32, int8) -> {
            assertThat(int8.getFileName().toString()).endsWith(".tmp");
            assertThat(OnnxModelFile.read(int8).getGraph().getNodeList()).anyMatch(n -> n.getOpType().equals("QuantizeLinear"));
            return verdict(true);
        }, pack);

        assertThat(out.passed()).isTrue();
        byte[] model = Files.readAllBytes(pack.resolve(Int8Options.INT8_ENCODER));
        JsonNode manifest = new ObjectMapper().readTree(pack.resolve("manifest.json").toFile());
        assertThat(manifest.at("/files/vision_encoder_int8.onnx/sha256").asText()).isEqualTo(Int8PackWriter.sha256(model));
        assertThat(manifest.at("/files/vision_encoder_int8.onnx/bytes").asLong()).isEqualTo(model.length);
        assertThat(manifest.at("/files/vision_encoder.onnx/bytes").asLong()).isEqualTo(TinyEncoder.bytes().length);
        assertThat(manifest.at("/int8/method").asText()).isEqualTo("entropy");
        assertThat(manifest.at("/image/width").asInt()).isEqualTo(8);

        CalibrationCache cache = CalibrationCache.parse(Files.readAllBytes(pack.resolve(Int8Options.CALIBRATION_CACHE)), "cache");
        assertThat(cache.algorithm()).isEqualTo("EntropyCalibration2");
        assertThat(cache.tensorRtVersion()).isEqualTo(100300);
        assertThat(cache.dynamicRange("pixel_values")).isCloseTo((float) r.ranges().get(0).amax(), org.assertj.core.data.Offset.offset(1e-5f));

        JsonNode report = new ObjectMapper().readTree(out.reportJson().toFile());
        assertThat(report.at("/activations").size()).isEqualTo(7);
        assertThat(report.at("/accuracy_guard/stand_in").asBoolean()).isTrue();
        assertThat(Files.readString(out.reportText())).contains("STAND-IN", "PASSED", "pixel_values");
        try (var files = Files.list(pack)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void failingGuardLeavesThePreviousModelAndManifestAlone() throws Exception {
        Files.writeString(pack.resolve(Int8Options.INT8_ENCODER), "previous model");
        String manifestBefore = Files.readString(pack.resolve("manifest.json"));

        Int8PackWriter.Outcome out = Int8PackWriter.write(calibrate(RangeMethod.MINMAX), (fp32, int8) -> verdict(false), pack);

        assertThat(out.passed()).isFalse();
        assertThat(out.written()).isEmpty();
        assertThat(Files.readString(pack.resolve(Int8Options.INT8_ENCODER))).isEqualTo("previous model");
        assertThat(Files.readString(pack.resolve("manifest.json"))).isEqualTo(manifestBefore);
        assertThat(pack.resolve(Int8Options.CALIBRATION_CACHE)).doesNotExist();
        assertThat(Files.readString(out.reportText())).contains("FAILED", "too low");
        try (var files = Files.list(pack)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
