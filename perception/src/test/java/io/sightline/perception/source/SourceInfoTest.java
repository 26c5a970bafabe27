package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What sources say about themselves for the status topic and logs: never credentials. */
class SourceInfoTest {
    @Test
    void credentialsAreRemovedFromAUri() {
        assertThat(SourceUris.redact("rtsp://viewer:hunter2@cam:554/s")).isEqualTo("rtsp://***@cam:554/s");
        assertThat(SourceUris.redact("http://u@h/x.mjpg")).isEqualTo("http://***@h/x.mjpg");
        assertThat(SourceUris.redact("rtsp://cam:554/s")).isEqualTo("rtsp://cam:554/s");
        assertThat(SourceUris.redact("/data/clip.mp4")).isEqualTo("/data/clip.mp4");
    }

    /** A gst: pipeline or an error message quotes the URI inside other text, more than once. */
    @Test
    void credentialsAreRemovedWhereverAUriStandsInText() {
        assertThat(SourceUris.redact("gst:rtspsrc location=rtsp://a:b@cam/s ! decodebin"))
            .isEqualTo("gst:rtspsrc location=rtsp://***@cam/s ! decodebin");
        assertThat(SourceUris.redact("could not open \"rtsp://a:b@cam/1\" nor 'rtsp://c:d@cam/2' (user@host kept)"))
            .isEqualTo("could not open \"rtsp://***@cam/1\" nor 'rtsp://***@cam/2' (user@host kept)");
    }

    /** A gst: source reports its pipeline without credentials, its output size and the rate its caps set, before it starts. */
    @Test
    void aGstreamerSourceReportsItsPipelineSizeAndCapsRate() {
        SourceOptions o = SourceOptions.live("front", false);
        FrameSource s = FrameSources.create(SourceSpec.parse(
            "gst:rtspsrc location=rtsp://a:b@cam/s ! decodebin ! videorate ! video/x-raw,framerate=15/2"), o).source();
        SourceInfo info = s.info();
        assertThat(info.uri()).isEqualTo("gst:rtspsrc location=rtsp://***@cam/s ! decodebin ! videorate ! video/x-raw,framerate=15/2");
        assertThat(info.fps()).isEqualTo(7.5);
        assertThat(info.width()).isPositive();
        assertThat(info.codec()).isEqualTo("raw");
        assertThat(s.describe()).doesNotContain("a:b");
        assertThat(GStreamerSource.capsFps("videotestsrc ! video/x-raw,framerate=(fraction)30/1")).isEqualTo(30.0);
        assertThat(GStreamerSource.capsFps("videotestsrc")).isZero();
    }

    /** A stream that has not opened yet shows its URI on the status topic, not its log name. */
    @Test
    void anUnopenedStreamReportsItsRedactedUri() {
        FrameSource s = FrameSources.create(SourceSpec.parse("rtsp://a:b@127.0.0.1:9/x"), SourceOptions.live("front", false)).source();
        assertThat(s.info()).isEqualTo(new SourceInfo("rtsp://***@127.0.0.1:9/x", 0, 0, 0, ""));
    }
}
