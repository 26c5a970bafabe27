package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CameraSourceTest {
    /** No such V4L2 device on a build machine: open fails with the device named, the state says DEGRADED. */
    @Test
    void missingCameraDegradesWithReasonInsteadOfCrashing() {
        try (CameraSource s = new CameraSource("/dev/video987", "front")) {
            assertThatThrownBy(s::open).isInstanceOf(SourceException.class).hasMessageContaining("/dev/video987");
            assertThat(s.status().state()).isEqualTo(SourceState.DEGRADED);
            assertThat(s.status().reason()).contains("cannot open");
        }
    }

    @Test
    void missingCameraBehindReconnectingSourceReportsReconnecting() {
        SceneReplaySourceTest.FakeClock clock = new SceneReplaySourceTest.FakeClock();
        try (ReconnectingSource s = new ReconnectingSource("camera /dev/video-sightline-missing",
                () -> new CameraSource("/dev/video-sightline-missing", "front"),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0), clock)) {
            s.open();
            assertThat(s.status().state()).isEqualTo(SourceState.RECONNECTING);
            assertThat(s.status().reason()).contains("/dev/video-sightline-missing");
        }
    }

    /** What the status topic shows for a camera that never opened: its device (not "camera ..."), nothing else known. */
    @Test
    void aCameraThatNeverOpenedReportsItsDeviceOnTheStatusTopic() {
        SourceOptions o = SourceOptions.live("front", false).withBackoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), 2, 1));
        try (FrameSource s = FrameSources.create(SourceSpec.parse("/dev/video987"), o).source()) {
            s.open();
            assertThat(s.info()).isEqualTo(new SourceInfo("/dev/video987", 0, 0, 0, ""));
            assertThat(s.status().state()).isEqualTo(SourceState.RECONNECTING);
        }
    }

    @Test
    void aFourccPropertyIsReadAsTheCodecName() {
        assertThat(CaptureDevice.fourcc('M' | 'J' << 8 | 'P' << 16 | 'G' << 24)).isEqualTo("mjpg");
        assertThat(CaptureDevice.fourcc('Y' | 'U' << 8 | 'Y' << 16 | 'V' << 24)).isEqualTo("yuyv");
        assertThat(CaptureDevice.fourcc(0)).isEmpty();
    }
}
