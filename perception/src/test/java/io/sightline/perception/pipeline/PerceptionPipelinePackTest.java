package io.sightline.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.grounding.GroundingStatus;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.ReplayPacing;
import io.sightline.perception.source.SceneReplaySource;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vision.PreparedInput;
import io.sightline.perception.vision.VisionEncoder;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole frame pipeline on a real model pack (skipped without one, see {@link PackUnderTest}). */
class PerceptionPipelinePackTest {
    private static VlmModel vlm;
    private static Scene scene;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void open() {
        Path pack = PackUnderTest.require();
        vlm = VlmModel.open(pack, VlmOptions.onnxRuntime(1));
        scene = SceneReader.open(PipelineScenes.write(tmp.resolve("scene"), 6));
    }

    @AfterAll
    static void close() {
        if (vlm != null) {
            vlm.close();
        }
    }

    private static PerceptionPipeline pipeline() {
        return PerceptionPipeline.forModel(scene.info().name(), vlm, scene.info().camera(), TrackerConfig.defaults());
    }

    private static String replay(boolean timings, List<PerceptionResult> collected) {
        return replay(timings, collected, false);
    }

    private static String replay(boolean timings, List<PerceptionResult> collected, boolean overlap) {
        PerceptionPipeline p = pipeline();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ResultsJsonlWriter w = ResultsJsonlWriter.onto(bytes, timings);
             SceneReplaySource source = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            FrameLoop.Summary s = new FrameLoop(p, (f, r) -> r, (f, r) -> {
                w.write(r.result());
                collected.add(r.result());
            }, overlap).run(source, true, 0);
            assertThat(s.frames()).isEqualTo(scene.frameCount());
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoReplaysGiveIdenticalResults() {
        String a = replay(false, new ArrayList<>());
        String b = replay(false, new ArrayList<>());
        assertThat(a.split("\n")).hasSize(scene.frameCount());
        assertThat(b).isEqualTo(a);
        // Finishing frames on a second thread while the next one encodes changes nothing in the results.
        assertThat(replay(false, new ArrayList<>(), true)).isEqualTo(a);
    }

    @Test
    void everyResultCarriesItsFrameAndConsistentStageTimings() {
        List<PerceptionResult> results = new ArrayList<>();
        replay(true, results);
        for (int i = 0; i < results.size(); i++) {
            PerceptionResult r = results.get(i);
            assertThat(r.frameIndex()).isEqualTo(i);
            assertThat(r.seq()).isEqualTo(i);
            assertThat(r.width()).isEqualTo(PipelineScenes.WIDTH);
            StageTimings t = r.timings();
            assertThat(t.encodeNanos()).isPositive();
            assertThat(t.preprocessNanos()).isPositive();
            assertThat(t.totalNanos()).isGreaterThanOrEqualTo(t.captureNanos() + t.preprocessNanos() + t.encodeNanos()
                + t.detectNanos() + t.postNanos());
            assertThat(r.ageNanos()).isPositive();
            assertThat(r.objects()).isSortedAccordingTo((x, y) -> Double.compare(y.detection().score(), x.detection().score()));
            assertThat(r.description()).isNotEmpty();
        }
    }

    @Test
    void grounderAnswersOnTheFrameItIsGivenWithAStatus() {
        PerceptionPipeline p = pipeline();
        Grounder g = Grounder.forModel(vlm);
        List<PerceptionResult> results = new ArrayList<>();
        List<FrameOutcome> outcomes = new ArrayList<>();
        try (SceneReplaySource source = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            new FrameLoop(p, new ExpressionGrounding(scene, g)::apply, (f, r) -> {
                results.add(r.result());
                outcomes.add(r);
            }).run(source, true, 2);
        }
        assertThat(results).hasSize(2);
        for (PerceptionResult r : results) {
            assertThat(r.groundings()).hasSize(1);
            GroundingAnswer a = r.groundings().get(0);
            assertThat(a.expression()).isEqualTo("the red cube");
            assertThat(a.status()).isIn("OK", "NO_MATCH", "AMBIGUOUS");
            assertThat(a.box().isPresent()).isEqualTo(a.ok());
            assertThat(r.timings().decodeNanos()).isPositive();
        }
        Grounder.Answer latest = g.ground(outcomes.get(1), "the red cube");
        assertThat(latest.seq()).isEqualTo(1);
        assertThat(latest.generation().tokens()).isNotEmpty();
        assertThat(latest.outcome().status()).isIn((Object[]) GroundingStatus.values());
    }

    @Test
    void overlappedLoopTimesEveryStageAndStopsAtMaxFramesWithoutLeakingAFrame() {
        List<PerceptionResult> results = new ArrayList<>();
        replay(true, results, true);
        assertThat(results).extracting(PerceptionResult::frameIndex).containsExactly(0, 1, 2, 3, 4, 5);
        for (PerceptionResult r : results) {
            StageTimings t = r.timings();
            assertThat(t.preprocessNanos()).isPositive();
            assertThat(t.encodeNanos()).isPositive();
            assertThat(t.totalNanos()).isGreaterThanOrEqualTo(t.captureNanos() + t.preprocessNanos() + t.encodeNanos()
                + t.detectNanos() + t.postNanos());
        }
        List<Frame> stillOpen = new ArrayList<>();
        List<Frame> seen = new ArrayList<>();
        try (SceneReplaySource source = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            FrameLoop.Summary s = new FrameLoop(pipeline(), (f, r) -> r, (f, r) -> seen.add(f), true).run(source, true, 3);
            assertThat(s.frames()).isEqualTo(3);
            // the loop reads no frame beyond the limit, and every frame it read was closed after its sink
            assertThat(source.next()).hasValueSatisfying(f -> {
                assertThat(f.sourceIndex()).isEqualTo(3);
                f.close();
            });
        }
        seen.forEach(f -> {
            if (!f.image().isNull()) {
                stillOpen.add(f);
            }
        });
        assertThat(seen).hasSize(3);
        assertThat(stillOpen).isEmpty();
    }

    @Test
    void aPreparedInputEncodesLikeTheFrameAndHandsItsBufferBack() {
        VisionEncoder encoder = vlm.encoder();
        try (SceneReplaySource source = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            source.open();
            try (Frame a = source.next().orElseThrow(); Frame b = source.next().orElseThrow()) {
                ImageEncoding direct = encoder.encode(a);
                ImageEncoding prepared = encoder.encode(encoder.prepare(a));
                assertThat(prepared.imageFeatures()).containsExactly(direct.imageFeatures());
                assertThat(prepared.seq()).isEqualTo(a.seq());
                // two buffers: a third prepare only proceeds because closing one released its buffer
                PreparedInput first = encoder.prepare(a);
                PreparedInput second = encoder.prepare(b);
                first.close();
                first.close(); // twice is harmless
                PreparedInput third = encoder.prepare(b);
                assertThatThrownBy(() -> encoder.encode(first)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already encoded or released");
                assertThat(encoder.encode(third).imageFeatures()).containsExactly(encoder.encode(second).imageFeatures());
            }
        }
    }

    @Test
    void aFailingSinkStopsTheOverlappedLoopAndEveryFrameReadIsClosed() {
        List<Frame> handedOut = new ArrayList<>();
        try (SceneReplaySource inner = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            FrameSource recording = new FrameSource() {
                @Override
                public void open() {
                    inner.open();
                }

                @Override
                public java.util.Optional<Frame> next() {
                    java.util.Optional<Frame> f = inner.next();
                    f.ifPresent(handedOut::add);
                    return f;
                }

                @Override
                public io.sightline.perception.source.SourceStatus status() {
                    return inner.status();
                }

                @Override
                public String describe() {
                    return "recording " + inner.describe();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
            FrameLoop loop = new FrameLoop(pipeline(), (f, r) -> r, (f, r) -> {
                if (r.result().frameIndex() == 1) {
                    throw new IllegalStateException("sink refuses frame 1");
                }
            }, true);
            assertThatThrownBy(() -> loop.run(recording, true, 0)).hasMessageContaining("sink refuses frame 1");
        }
        assertThat(handedOut).hasSizeGreaterThanOrEqualTo(2);
        assertThat(handedOut).allSatisfy(f -> assertThat(f.image().isNull()).as("frame %d closed", f.sourceIndex()).isTrue());
    }
}
