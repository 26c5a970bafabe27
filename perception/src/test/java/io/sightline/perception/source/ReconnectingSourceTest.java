package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconnectingSourceTest {
    /** Opens fail while {@code failOpens} > 0; an opened source delivers {@code framesPerConnection} frames then fails. */
    static final class FlakySource implements FrameSource {
        static int failOpens;
        static int opens;
        static final int FRAMES_PER_CONNECTION = 2;
        int delivered;
        boolean opened;

        @Override
        public void open() {
            opens++;
            if (failOpens > 0) {
                failOpens--;
                throw new SourceException("flaky: device busy (attempt " + opens + ")");
            }
            opened = true;
        }

        /** Its size, rate and codec once open, as a stream learns them from its header. */
        @Override
        public SourceInfo info() {
            return opened ? new SourceInfo("rtsp://cam/s", 64, 48, 25, "h264") : SourceInfo.named("rtsp://cam/s");
        }

        @Override
        public Optional<Frame> next() {
            if (delivered == FRAMES_PER_CONNECTION) {
                throw new SourceException("flaky: unplugged");
            }
            delivered++;
            return Optional.of(new Frame(delivered, "front", 0, 0, -1, ReplayFixtures.grey(delivered)));
        }

        @Override
        public SourceStatus status() {
            return new SourceStatus(SourceState.STREAMING, "", delivered, 0, 0);
        }

        @Override
        public String describe() {
            return "flaky";
        }

        @Override
        public void close() {}
    }

    private final SceneReplaySourceTest.FakeClock clock = new SceneReplaySourceTest.FakeClock();

    /** The status keeps showing what the stream was while it is lost, even if nobody asked while it streamed. */
    @Test
    void whatTheLostSourceWasStaysReportedWhileReconnecting() {
        FlakySource.failOpens = 0;
        FlakySource.opens = 0;
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(250), 2, 3);
        try (ReconnectingSource s = new ReconnectingSource("flaky", SourceInfo.named("rtsp://cam/s"), FlakySource::new, backoff)) {
            assertThat(s.info()).isEqualTo(SourceInfo.named("rtsp://cam/s"));
            s.open();
            s.next().orElseThrow().close();
            s.next().orElseThrow().close();
            FlakySource.failOpens = 10;
            assertThatThrownBy(s::next).isInstanceOf(SourceException.class).hasMessageContaining("device busy");
            assertThat(s.info()).isEqualTo(new SourceInfo("rtsp://cam/s", 64, 48, 25, "h264"));
        }
    }

    @Test
    void failsNTimesThenStreamsWithExponentialWaits() {
        FlakySource.failOpens = 3;
        FlakySource.opens = 0;
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(250), 2, 0);
        try (ReconnectingSource s = new ReconnectingSource("flaky", FlakySource::new, backoff, clock)) {
            s.open();
            assertThat(s.status().state()).isEqualTo(SourceState.RECONNECTING);
            assertThat(s.status().reason()).contains("device busy");
            try (Frame f = s.next().orElseThrow()) {
                assertThat(f.seq()).isEqualTo(1);
            }
            assertThat(s.status().state()).isEqualTo(SourceState.STREAMING);
            assertThat(FlakySource.opens).isEqualTo(4);
            // Waits before retries 2, 3 and 4: 100 ms, 200 ms, then capped at 250 ms.
            List<Long> waits = new ArrayList<>();
            long prev = 1_000;
            for (long t : clock.sleeps) {
                waits.add(t - prev);
                prev = t;
            }
            assertThat(waits).containsExactly(100_000_000L, 200_000_000L, 250_000_000L);
            assertThat(s.status().reconnects()).isZero();
        }
    }

    @Test
    void reconnectsAfterTheDeviceDropsMidStream() {
        FlakySource.failOpens = 0;
        FlakySource.opens = 0;
        try (ReconnectingSource s = new ReconnectingSource("flaky", FlakySource::new,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), 1, 0), clock)) {
            s.open();
            for (int i = 0; i < 5; i++) {
                s.next().orElseThrow().close();
            }
            assertThat(FlakySource.opens).isEqualTo(3);
            assertThat(s.status().reconnects()).isEqualTo(2);
            assertThat(s.status().delivered()).isEqualTo(5);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithFailedState() {
        FlakySource.failOpens = 100;
        FlakySource.opens = 0;
        try (ReconnectingSource s = new ReconnectingSource("flaky", FlakySource::new,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 2, 3), clock)) {
            s.open();
            assertThatThrownBy(s::next).isInstanceOf(SourceException.class)
                .hasMessageContaining("gave up after 3").hasMessageContaining("device busy");
            assertThat(s.status().state()).isEqualTo(SourceState.FAILED);
            assertThat(FlakySource.opens).isEqualTo(3);
        }
    }

    /** FAILED and ENDED outlive close(): the owner closes a source as soon as it stops, and health reads it after. */
    @Test
    void closingKeepsFailedAndEnded() {
        FlakySource.failOpens = 100;
        FlakySource.opens = 0;
        ReconnectingSource s = new ReconnectingSource("flaky", FlakySource::new,
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 2, 2), clock);
        s.open();
        assertThatThrownBy(s::next).isInstanceOf(SourceException.class);
        s.close();
        assertThat(s.status().state()).isEqualTo(SourceState.FAILED);
        assertThat(s.status().reason()).contains("device busy");
    }

    /** A camera that is missing at start is RECONNECTING from the first attempt, never CONNECTING or STREAMING. */
    @Test
    void aMissingCameraIsReconnectingAtOnce() {
        FlakySource.failOpens = 100;
        try (ReconnectingSource s = new ReconnectingSource("flaky", FlakySource::new,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 2, 0), clock)) {
            assertThat(s.status().state()).isEqualTo(SourceState.CONNECTING);
            s.open();
            assertThat(s.status().state()).isEqualTo(SourceState.RECONNECTING);
        }
    }
}
