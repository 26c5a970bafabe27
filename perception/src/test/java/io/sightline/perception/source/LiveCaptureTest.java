package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCaptureTest {
    @TempDir
    Path tmp;

    /** The first Mat loads OpenCV's native libraries (seconds on a busy machine): do it before timing anything. */
    @org.junit.jupiter.api.BeforeAll
    static void loadOpenCv() {
        ReplayFixtures.grey(0).close();
    }

    /** A consumer slower than the source sees increasing frames, the rest are dropped, and the end closes the slot. */
    @Test
    void slowConsumerGetsTheNewestFramesAndDropsAreCounted() throws Exception {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("s"), 20, 200));
        List<Long> seqs = new ArrayList<>();
        try (LiveCapture capture = new LiveCapture(new SceneReplaySource(scene, ReplayPacing.RECORDED_FPS, false), new LatestFrameSlot())) {
            Optional<Frame> f;
            while ((f = capture.slot().take(30, TimeUnit.SECONDS)).isPresent()) {
                try (Frame frame = f.get()) {
                    seqs.add(frame.seq());
                    Thread.sleep(25); // five source periods per frame
                }
            }
            assertThat(capture.failure()).isEmpty();
            assertThat(capture.slot().offered()).isEqualTo(20);
            assertThat(seqs.size() + capture.slot().dropped()).isEqualTo(20);
            assertThat(capture.slot().dropped()).isPositive();
        }
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aFailingSourceStopsCaptureWithTheReason() throws Exception {
        ReconnectingSourceTest.FlakySource.failOpens = 0;
        try (LiveCapture capture = new LiveCapture(new ReconnectingSourceTest.FlakySource(), new LatestFrameSlot())) {
            while (capture.slot().take(30, TimeUnit.SECONDS).map(fr -> {
                fr.close();
                return true;
            }).orElse(false)) {
                // drain until the slot closes
            }
            assertThat(capture.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("unplugged"));
        }
    }

    /** The capture thread releases a source that ended at once, and is the only one to close it. */
    @Test
    void theSourceIsClosedByTheCaptureThreadWhenItEnds() throws Exception {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("e"), 2, 200));
        List<String> closedBy = new java.util.concurrent.CopyOnWriteArrayList<>();
        FrameSource inner = new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false);
        FrameSource watched = new FrameSource() {
            @Override
            public void open() {
                inner.open();
            }

            @Override
            public Optional<Frame> next() {
                return inner.next();
            }

            @Override
            public SourceStatus status() {
                return inner.status();
            }

            @Override
            public String describe() {
                return "watched";
            }

            @Override
            public void close() {
                closedBy.add(Thread.currentThread().getName());
                inner.close();
            }
        };
        try (LiveCapture capture = new LiveCapture(watched, new LatestFrameSlot(), "capture-under-test")) {
            while (capture.slot().take(30, TimeUnit.SECONDS).map(fr -> {
                fr.close();
                return true;
            }).orElse(false)) {
                // drain until the source ends
            }
            for (int i = 0; i < 100 && capture.running(); i++) {
                Thread.sleep(20);
            }
            assertThat(capture.slot().drained()).isTrue();
            assertThat(closedBy).containsExactly("capture-under-test");
        }
        assertThat(closedBy).containsExactly("capture-under-test");
    }

    private static void drain(LiveCapture capture) throws InterruptedException {
        while (capture.slot().take(30, TimeUnit.SECONDS).map(fr -> {
            fr.close();
            return true;
        }).orElse(false)) {
            // until the slot closes
        }
        for (int i = 0; i < 250 && capture.running(); i++) {
            Thread.sleep(20);
        }
    }

    /** Closing the source on the way out must not turn ENDED into a healthy-looking CLOSED (issue 25, point 6). */
    @Test
    void anEndedSourceStillSaysEndedAfterTheCaptureClosedIt() throws Exception {
        Scene scene = SceneReader.open(ReplayFixtures.scene(tmp.resolve("ended"), 2, 200));
        try (LiveCapture capture = new LiveCapture(new SceneReplaySource(scene, ReplayPacing.AS_FAST_AS_POSSIBLE, false),
                new LatestFrameSlot())) {
            drain(capture);
            assertThat(capture.running()).isFalse();
            assertThat(capture.sourceStatus().state()).isEqualTo(SourceState.ENDED);
            assertThat(capture.sourceStatus().delivered()).isEqualTo(2);
        }
    }

    /** A source that threw is FAILED with the reason, whatever state the source itself last reported. */
    @Test
    void aFailedSourceSaysFailedWithTheReason() throws Exception {
        ReconnectingSourceTest.FlakySource.failOpens = 0;
        try (LiveCapture capture = new LiveCapture(new ReconnectingSourceTest.FlakySource(), new LatestFrameSlot())) {
            drain(capture);
            assertThat(capture.sourceStatus().state()).isEqualTo(SourceState.FAILED);
            assertThat(capture.sourceStatus().reason()).contains("unplugged");
        }
    }
}
