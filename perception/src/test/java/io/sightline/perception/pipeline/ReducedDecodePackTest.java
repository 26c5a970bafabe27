package io.sightline.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.DecodeScale;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.source.PaceClock;
import io.sightline.perception.source.ReplayPacing;
import io.sightline.perception.source.SceneReplaySource;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decoding the recorded 640x480 JPEG frames at half size (what replay does by default for a 256x192 model) keeps
 * results in the camera's pixels and finds the same objects as decoding every pixel.
 */
class ReducedDecodePackTest {
    private static final int FRAMES = 20;
    private static VlmModel vlm;
    private static Scene scene;

    @BeforeAll
    static void open() {
        Path pack = PackUnderTest.require();
        Path demo = Path.of("..", "test-scenes", "demo", "seq-000");
        Assumptions.assumeTrue(Files.isRegularFile(demo.resolve("scene.json")), "no test-scenes/demo/seq-000 beside this module");
        vlm = VlmModel.open(pack, VlmOptions.onnxRuntime(1));
        scene = SceneReader.open(demo);
    }

    @AfterAll
    static void close() {
        if (vlm != null) {
            vlm.close();
        }
    }

    private static List<PerceptionResult> replay(FrameDecoding decoding) {
        int scale = decoding.scale(scene, vlm.pack().manifest().image());
        PerceptionPipeline p = PerceptionPipeline.forModel(scene.info().name(), vlm, scene.info().camera(), TrackerConfig.defaults());
        List<PerceptionResult> out = new ArrayList<>();
        List<int[]> decodedSizes = new ArrayList<>();
        try (SceneReplaySource source = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false, "replay",
                PaceClock.SYSTEM, scale)) {
            new FrameLoop(p, (f, r) -> r, (f, r) -> {
                decodedSizes.add(new int[] {f.image().cols(), f.image().rows()});
                out.add(r.result());
            }).run(source, true, FRAMES);
        }
        int w = scene.info().camera().width();
        int h = scene.info().camera().height();
        assertThat(decodedSizes).allSatisfy(s -> assertThat(s).containsExactly(DecodeScale.reduced(w, scale), DecodeScale.reduced(h, scale)));
        return out;
    }

    @Test
    void halfSizeDecodeFindsTheSameObjectsInSensorPixels() {
        assertThat(FrameDecoding.MODEL_SIZE.scale(640, 480, vlm.pack().manifest().image())).isEqualTo(2);
        List<PerceptionResult> full = replay(FrameDecoding.FULL);
        List<PerceptionResult> reduced = replay(FrameDecoding.MODEL_SIZE);
        assertThat(reduced).hasSize(FRAMES);
        int confident = 0;
        int matched = 0;
        for (int i = 0; i < FRAMES; i++) {
            assertThat(reduced.get(i).width()).isEqualTo(scene.info().camera().width());
            assertThat(reduced.get(i).height()).isEqualTo(scene.info().camera().height());
            for (ObjectResult o : full.get(i).objects()) {
                Detection d = o.detection();
                if (d.score() < 0.3) {
                    continue;
                }
                confident++;
                boolean found = reduced.get(i).objects().stream().map(ObjectResult::detection)
                    .anyMatch(r -> r.label().equals(d.label()) && r.box().iou(d.box()) >= 0.7);
                matched += found ? 1 : 0;
            }
        }
        assertThat(confident).as("confident full-decode detections").isGreaterThan(FRAMES);
        assertThat((double) matched / confident).as("found again at half size (%d of %d)", matched, confident).isGreaterThanOrEqualTo(0.9);
    }
}
