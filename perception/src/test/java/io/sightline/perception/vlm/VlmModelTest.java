package io.sightline.perception.vlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.TestPacks;
import io.sightline.perception.source.Frame;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vision.VisionEncoder;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VlmModelTest {
    @TempDir
    Path tmp;

    @Test
    void opensOnOnnxRuntimeAndSaysWhy() {
        try (VlmModel vlm = VlmModel.open(TestPacks.require(), VlmOptions.onnxRuntime(1))) {
            assertThat(vlm.backendChoice().backend().name()).isEqualTo("onnxruntime");
            assertThat(vlm.backendChoice().reason()).contains("onnxruntime");
            assertThat(vlm.describe()).contains(vlm.pack().manifest().name()).contains("FP32");
            assertThat(vlm.detections()).isPresent();
        }
    }

    @Test
    void theEncoderThreadsAreMeasuredUnlessGiven() {
        int cores = Runtime.getRuntime().availableProcessors();
        Path graph = TestPacks.require().resolve("vision_encoder.onnx");
        assertThat(EncoderThreadChoice.forOptions(OnnxRuntimeOptions.defaults().withIntraOpThreads(3), graph).threads()).isEqualTo(3);
        EncoderThreadChoice.Choice auto = EncoderThreadChoice.forOptions(OnnxRuntimeOptions.defaults(), graph);
        assertThat(auto.threads()).isIn(Math.max(1, cores - 1), cores);
        if (cores > 1) {
            assertThat(auto.fewerMillis()).isPositive();
            assertThat(auto.allMillis()).isPositive();
            assertThat(auto.threads() == cores).isEqualTo(auto.allMillis() <= 0.9 * auto.fewerMillis());
        }
        try (VlmModel vlm = VlmModel.open(TestPacks.require(), VlmOptions.onnxRuntime(0))) {
            assertThat(vlm.encoderThreads()).hasValue(auto.threads());
            // a second encoder over the same graph, at all cores: the same features for the same pixels
            try (VisionEncoder all = vlm.openEncoder(OnnxRuntimeOptions.defaults().withIntraOpThreads(cores));
                 Mat img = new Mat(480, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                     new org.bytedeco.opencv.opencv_core.Scalar(90, 120, 150, 0))) {
                assertThat(all.encode(0, img).imageFeatures()).containsExactly(vlm.encoder().encode(0, img).imageFeatures(),
                    org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
    }

    @Test
    void everyCoreOnlyWhenItIsAtLeastTenPercentFaster() {
        assertThat(EncoderThreadChoice.decide(1, 2, 5.44, 4.52).threads()).isEqualTo(2);
        assertThat(EncoderThreadChoice.decide(1, 2, 2.69, 2.62).threads()).isEqualTo(1);
        assertThat(EncoderThreadChoice.decide(3, 4, 10.0, 9.0).threads()).isEqualTo(4);
        assertThat(EncoderThreadChoice.decide(3, 4, 10.0, 9.01).threads()).isEqualTo(3);
        assertThat(EncoderThreadChoice.decide(1, 2, 5.44, 4.52).reason()).contains("5.44 ms at 1").contains("4.52 ms at 2");
    }

    @Test
    void detectsInSourceFramePixels() {
        Path pack = TestPacks.require();
        String image = TestPacks.fixtures(pack).path("cases").get(0).path("image").asText();
        try (VlmModel vlm = VlmModel.open(pack, VlmOptions.onnxRuntime(1));
             Mat small = opencv_imgcodecs.imread(pack.resolve("fixtures").resolve(image).toString());
             Size big = new Size(small.cols() * 5 / 2, small.rows() * 5 / 2);
             Mat large = new Mat()) {
            opencv_imgproc.resize(small, large, big);
            try (Frame frame = new Frame(42, "front", System.nanoTime(), System.currentTimeMillis(), 0, large)) {
                ImageEncoding enc = vlm.encoder().encode(frame);
                assertThat(enc.seq()).isEqualTo(42);
                assertThat(enc.sourceWidth()).isEqualTo(large.cols());
                assertThat(enc.preprocessNanos()).isPositive();
                List<Detection> dets = vlm.detections().orElseThrow().decode(enc);
                for (Detection d : dets) {
                    assertThat(d.box().xMax()).isLessThanOrEqualTo(large.cols());
                    assertThat(d.box().yMax()).isLessThanOrEqualTo(large.rows());
                    assertThat(vlm.pack().manifest().shapes()).contains(d.shape());
                    assertThat(d.score()).isGreaterThanOrEqualTo(vlm.detections().get().config().scoreThreshold());
                }
            }
        }
    }

    @Test
    void int8NeedsTheQuantizedEncoder() throws IOException {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        // a pack as training writes it: no INT8 files, none listed in the manifest
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(pack.resolve("manifest.json").toFile());
        manifest.remove("int8");
        ObjectNode files = (ObjectNode) manifest.path("files");
        List<String> int8Files = new ArrayList<>();
        files.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("vision_encoder_int8") || name.startsWith("int8_report")) {
                int8Files.add(name);
            }
        });
        files.remove(int8Files);
        json.writerWithDefaultPrettyPrinter().writeValue(pack.resolve("manifest.json").toFile(), manifest);
        for (String f : int8Files) {
            Files.deleteIfExists(pack.resolve(f));
        }
        VlmOptions int8 = VlmOptions.onnxRuntime(1).withPrecision(EncoderPrecision.INT8);
        assertThatThrownBy(() -> VlmModel.open(pack, int8)).isInstanceOf(PackException.class)
            .hasMessageStartingWith("vision_encoder_int8.onnx: precision int8 asks for this file but");

        // with a file of that name the INT8 path opens it (here a copy of the FP32 graph: same tensors)
        Files.copy(pack.resolve("vision_encoder.onnx"), pack.resolve(ModelPack.INT8_ENCODER));
        try (VlmModel vlm = VlmModel.open(pack, int8)) {
            assertThat(vlm.precision()).isEqualTo(EncoderPrecision.INT8);
            assertThat(vlm.describe()).contains("INT8");
        }
    }

    @Test
    void precisionNamesParse() {
        assertThat(EncoderPrecision.parse(" int8 ")).isEqualTo(EncoderPrecision.INT8);
        assertThatThrownBy(() -> EncoderPrecision.parse("fp16")).hasMessageContaining("precision must be fp32 or int8");
    }
}
