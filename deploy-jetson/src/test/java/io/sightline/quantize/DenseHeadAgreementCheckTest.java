package io.sightline.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.ShippedPack;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.pipeline.ObjectResult;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.SourceOptions;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DenseHeadAgreementCheckTest {
    /** A demo scene: a 640x480 camera (model-size decoding would read it at half size; run and the guard read it whole). */
    private static final Path DEMO_SCENE = Path.of("..", "test-scenes", "demo", "seq-000");

    private static Detection det(double x0, double x1, String shape, String colour) {
        return new Detection(new Box2D(x0, 0, x1, 1), shape, colour, 0.8);
    }

    @Test
    void matchingNeedsTheSameLabelAndIouAtLeastHalf() {
        Detection a = det(0, 1, "cup", "red");
        Detection shifted = det(0.5, 1.5, "cup", "red");   // IoU 1/3
        Detection close = det(0.1, 1.1, "cup", "red");     // IoU 0.82
        Detection otherShape = det(0, 1, "cube", "red");
        Detection otherColour = det(0, 1, "cup", "blue");
        assertThat(DenseHeadAgreementCheck.matches(List.of(a), List.of(shifted))).isZero();
        assertThat(DenseHeadAgreementCheck.matches(List.of(a), List.of(otherShape, otherColour))).isZero();
        assertThat(DenseHeadAgreementCheck.matches(List.of(a), List.of(shifted, close))).isEqualTo(1);
        assertThat(DenseHeadAgreementCheck.matches(List.of(a, a), List.of(close))).isEqualTo(1); // one-to-one
    }

    /**
     * The guard certifies what ships: on the same frames of a demo scene, its detections are exactly those of the
     * service's pipeline ({@code PerceptionPipeline.forModel} over the scene read as run reads it), for the
     * FP32 and for the pack's INT8 encoder.
     */
    @ParameterizedTest
    @EnumSource(EncoderPrecision.class)
    void theGuardDecodesTheSameDetectionsAsTheServicePipeline(EncoderPrecision precision) {
        Optional<Path> shipped = ShippedPack.find();
        Assumptions.assumeTrue(shipped.isPresent(), "no model pack in models/tabletop-vlm");
        VlmOptions options = VlmOptions.onnxRuntime(1).withPrecision(precision);
        List<Path> frames = CalibrationFrames.select(List.of(DEMO_SCENE), 10);
        Set<Integer> indices = frames.stream()
            .map(f -> Integer.parseInt(f.getFileName().toString().replaceAll("\\..*", ""))).collect(Collectors.toSet());
        assertThat(indices).hasSize(10);

        List<List<Detection>> service = new ArrayList<>();
        List<DenseHeadAgreementCheck.FrameDetections> guard;
        try (VlmModel vlm = VlmModel.open(shipped.get(), options)) {
            Scene scene = SceneReader.open(DEMO_SCENE);
            PerceptionPipeline pipeline = PerceptionPipeline.forModel("demo", vlm, scene.info().camera(), TrackerConfig.defaults());
            try (FrameSource source = FrameSources.scene(scene,
                SourceOptions.offline(FrameDecoding.FULL, vlm.pack().manifest().image())).source()) {
                source.open();
                for (Optional<Frame> next = source.next(); next.isPresent(); next = source.next()) {
                    try (Frame frame = next.get()) {
                        List<Detection> d = pipeline.process(frame, 0, 0).result().objects().stream().map(ObjectResult::detection).toList();
                        if (indices.contains(frame.sourceIndex())) {
                            service.add(d);
                        }
                    }
                }
            }
            DenseHeadAgreementCheck check = new DenseHeadAgreementCheck(vlm.pack().manifest(), frames, options.onnx(), 90);
            guard = check.detections(precision == EncoderPrecision.FP32
                ? vlm.pack().graphFile(PackManifest.VISION_ENCODER) : vlm.pack().int8Encoder().orElseThrow());
        }

        assertThat(guard).extracting(DenseHeadAgreementCheck.FrameDetections::index).containsExactlyElementsOf(
            indices.stream().sorted().toList());
        assertThat(service.stream().mapToInt(List::size).sum()).as("the demo frames hold objects").isGreaterThan(10);
        assertThat(guard).extracting(DenseHeadAgreementCheck.FrameDetections::detections).containsExactlyElementsOf(service);
    }

    @Test
    void anEncoderAgreesWithItselfCompletely() {
        Optional<Path> shipped = ShippedPack.find();
        Assumptions.assumeTrue(shipped.isPresent(), "no model pack in models/tabletop-vlm");
        ModelPack pack = ModelPack.load(shipped.get());
        Path fp32 = pack.graphFile(PackManifest.VISION_ENCODER);
        AccuracyVerdict v = new DenseHeadAgreementCheck(pack.manifest(), CalibrationFrames.select(List.of(DEMO_SCENE), 4),
            VlmOptions.onnxRuntime(1).onnx(), 99.99).evaluate(fp32, fp32);
        assertThat(v.passed()).isTrue();
        assertThat(v.int8()).containsEntry("agreement_percent", 100.0);
        assertThat(v.int8().get("matched")).isEqualTo(v.fp32().get("detections")).isPositive();
    }
}
