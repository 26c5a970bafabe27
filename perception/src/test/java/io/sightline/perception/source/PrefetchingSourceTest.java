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

class PrefetchingSourceTest {
    @TempDir
    Path tmp;

    @Test
    void deliversEveryFrameInOrderWithSkipCountsAttachedToTheRightFrame() throws Exception {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("s"), 6, 10));
        Files.write(scene.framePath(3), new byte[] {9, 9, 9});
        List<Integer> levels = new ArrayList<>();
        List<Long> skippedSeen = new ArrayList<>();
        try (PrefetchingSource s = new PrefetchingSource(new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false), 2)) {
            s.open();
            Thread.sleep(100); // let the reader run ahead past the corrupt frame
            Optional<Frame> f;
            while ((f = s.next()).isPresent()) {
                try (Frame frame = f.get()) {
                    levels.add(ReplayFixtures.level(frame));
                    skippedSeen.add(s.status().skipped());
                }
            }
            assertThat(s.next()).isEmpty();
        }
        assertThat(levels).containsExactly(0, 10, 20, 40, 50);
        assertThat(skippedSeen).containsExactly(0L, 0L, 0L, 1L, 1L);
    }

    @Test
    void closeBeforeTheEndFreesReadAheadFramesAndStopsTheReader() throws Exception {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("s"), 8, 10));
        PrefetchingSource s = new PrefetchingSource(new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, true), 3);
        s.open();
        s.next().orElseThrow().close();
        Thread.sleep(50);
        s.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("prefetch scene") && t.isAlive());
    }

    @Test
    void aFailureOfTheInnerSourceReachesTheCaller() {
        FrameSource failing = new ReconnectingSourceTest.FlakySource();
        ReconnectingSourceTest.FlakySource.failOpens = 0;
        try (PrefetchingSource s = new PrefetchingSource(failing, 1)) {
            s.open();
            s.next().orElseThrow().close();
            s.next().orElseThrow().close();
            org.assertj.core.api.Assertions.assertThatThrownBy(s::next).isInstanceOf(SourceException.class).hasMessageContaining("unplugged");
        }
    }
}
