package io.sightline.perception.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.calibration.camera.CameraModels;
import io.sightline.perception.pack.GflHeadSpec;
import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.grounding.GroundingStatus;
import io.sightline.perception.pipeline.DecoderGrounder;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.TrackGrounder;
import io.sightline.perception.pipeline.ObjectResult;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.source.Frame;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pack without a language decoder, in the imported COCO pack's shape ({@link GflTestPack}), end to end. */
class DetectionOnlyPackTest {
    @TempDir
    Path tmp;

    @Test
    void manifestWithAGflHeadAndNoLanguageDecoder() throws Exception {
        PackManifest m = ModelPack.load(GflTestPack.write(tmp.resolve("pack"))).manifest();
        assertThat(m.language()).isEmpty();
        assertThat(m.denseHead()).isEmpty();
        assertThat(m.imageGraphRole()).isEqualTo("detector");
        assertThat(m.shapes()).startsWith("person", "bicycle", "car").hasSize(80);
        assertThat(m.colours()).isEmpty();
        assertThat(m.image().rgb()).isFalse();
        assertThat(m.image().scale()).isEqualTo(1.0);
        assertThat(m.image().resize()).isEqualTo(ImageSpec.Resize.LINEAR);
        GflHeadSpec head = (GflHeadSpec) m.head().orElseThrow();
        assertThat(head.levels()).extracting(GflHeadSpec.Level::stride).containsExactly(8, 16, 32);
        assertThat(head.bins()).isEqualTo(11);
        assertThat(head.publishThreshold()).isEqualTo(0.05);
        assertThatThrownBy(m::requireLanguage).isInstanceOf(PackException.class).hasMessageContaining("no language decoder");
    }

    @Test
    void vlmModelOpensItAndThePipelineRunsOnAFrame() throws Exception {
        Path dir = GflTestPack.write(tmp.resolve("pack"));
        try (VlmModel vlm = VlmModel.open(dir, VlmOptions.onnxRuntime(1));
             Mat image = new Mat(416, 832, opencv_core.CV_8UC3, new Scalar(90, 120, 150, 0))) {
            assertThat(vlm.language()).isEmpty();
            assertThat(vlm.languageUnavailableReason()).contains("coco-nanodet").contains("grounding is unavailable");
            assertThat(vlm.detections().orElseThrow()).isInstanceOf(GflDecoder.class);
            assertThatThrownBy(() -> DecoderGrounder.forModel(vlm)).isInstanceOf(PackException.class)
                .hasMessageContaining("no language decoder");
            Grounder grounder = Grounder.forModel(vlm);
            assertThat(grounder).isInstanceOf(TrackGrounder.class);
            PerceptionPipeline pipeline = PerceptionPipeline.forModel("test", vlm, CameraModels.tabletopDefault(),
                TrackerConfig.defaults());
            FrameOutcome out = pipeline.process(new Frame(0, "cam", 0, 0, 0, image), 0, 0);
            assertThat(out.result().objects()).hasSize(1);
            ObjectResult o = out.result().objects().get(0);
            assertThat(o.detection().label()).isEqualTo("person");
            assertThat(o.detection().colour()).isEmpty();
            assertThat(o.detection().score()).isCloseTo(0.9, within(1e-6));
            // (144, 144, 272, 272) in the 416x416 input; the 832x416 frame is twice as wide
            assertThat(o.detection().box().xMin()).isCloseTo(288, within(1e-3));
            assertThat(o.detection().box().yMin()).isCloseTo(144, within(1e-3));
            assertThat(o.detection().box().xMax()).isCloseTo(544, within(1e-3));
            assertThat(o.detection().box().yMax()).isCloseTo(272, within(1e-3));
            // grounding over the tracked objects: a one-colour frame comes out grey after the grey-world correction, not blue
            assertThat(out.colours()).containsOnlyKeys(out.tracks().get(0).trackId());
            assertThat(grounder.ground(out, "the person").outcome().status()).isEqualTo(GroundingStatus.OK);
            assertThat(grounder.ground(out, "the blue person").outcome().status()).isEqualTo(GroundingStatus.NO_MATCH);
            assertThat(grounder.ground(out, "the dog").outcome().status()).isEqualTo(GroundingStatus.ERROR); // not a class of this pack
            assertThat(grounder.ground(out, "la personne").outcome().status()).isEqualTo(GroundingStatus.ERROR);
        }
    }
}
