package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneReplaySourceTest {
    @TempDir
    Path tmp;

    /** A clock that only moves when someone sleeps on it. */
    static final class FakeClock implements PaceClock {
        long now = 1_000;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadline) {
            sleeps.add(deadline);
            now = Math.max(now, deadline);
        }
    }

    private static List<Integer> drain(FrameSource s, List<Long> seqs) {
        List<Integer> levels = new ArrayList<>();
        Optional<Frame> f;
        while ((f = s.next()).isPresent()) {
            try (Frame frame = f.get()) {
                levels.add(ReplayFixtures.level(frame));
                seqs.add(frame.seq());
            }
        }
        return levels;
    }

    @Test
    void fastModeDeliversEveryFrameInOrderThenEnds() {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("s"), 4, 10));
        FakeClock clock = new FakeClock();
        try (SceneReplaySource s = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false, "front", clock)) {
            s.open();
            List<Long> seqs = new ArrayList<>();
            assertThat(drain(s, seqs)).containsExactly(0, 10, 20, 30);
            assertThat(seqs).containsExactly(0L, 1L, 2L, 3L);
            assertThat(clock.sleeps).isEmpty();
            assertThat(s.status().state()).isEqualTo(SourceState.ENDED);
            assertThat(s.status().delivered()).isEqualTo(4);
        }
    }

    @Test
    void recordedFpsReleasesFrameIAtStartPlusIOverFps() {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("s"), 3, 20));
        FakeClock clock = new FakeClock();
        try (SceneReplaySource s = new SceneReplaySource(scene, ReplayPacing.RECORDED_FPS, false, "front", clock)) {
            s.open();
            List<Long> captures = new ArrayList<>();
            Optional<Frame> f;
            while ((f = s.next()).isPresent()) {
                try (Frame frame = f.get()) {
                    captures.add(frame.captureNanos());
                }
            }
            assertThat(clock.sleeps).containsExactly(1_000L, 1_000L + 50_000_000L, 1_000L + 100_000_000L);
            assertThat(captures).containsExactlyElementsOf(clock.sleeps);
        }
    }

    @Test
    void corruptJpegIsSkippedCountedAndNamed() throws Exception {
        Path dir = ReplayFixtures.scene(tmp.resolve("s"), 3, 10);
        Scene scene = SceneReader.open(dir);
        Path bad = scene.framePath(1);
        // Right extension and size, wrong bytes: not an image OpenCV can decode.
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4});
        try (SceneReplaySource s = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false, "front", new FakeClock())) {
            s.open();
            List<Long> seqs = new ArrayList<>();
            assertThat(drain(s, seqs)).containsExactly(0, 20);
            assertThat(seqs).containsExactly(0L, 1L);
            assertThat(s.status().skipped()).isEqualTo(1);
            assertThat(s.status().delivered()).isEqualTo(2);
        }
    }

    @Test
    void loopStartsOverAndKeepsCountingSeq() {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("s"), 2, 10));
        try (SceneReplaySource s = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, true, "front", new FakeClock())) {
            s.open();
            List<Integer> levels = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                try (Frame f = s.next().orElseThrow()) {
                    levels.add(ReplayFixtures.level(f));
                    indices.add(f.sourceIndex());
                    seqs.add(f.seq());
                }
            }
            assertThat(levels).containsExactly(0, 10, 0, 10, 0);
            assertThat(indices).containsExactly(0, 1, 0, 1, 0);
            assertThat(seqs).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void loopOverOnlyCorruptFramesEndsInsteadOfSpinning() throws Exception {
        Path dir = ReplayFixtures.scene(tmp.resolve("s"), 2, 10);
        Scene scene = SceneReader.open(dir);
        Files.write(scene.framePath(0), new byte[] {1, 2, 3});
        Files.write(scene.framePath(1), new byte[] {1, 2, 3});
        try (SceneReplaySource s = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, true, "front", new FakeClock())) {
            s.open();
            assertThat(s.next()).isEmpty();
            assertThat(s.status().skipped()).isEqualTo(2);
            assertThat(s.status().reason()).contains("no readable frame");
        }
    }
}
