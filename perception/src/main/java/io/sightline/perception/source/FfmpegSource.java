package io.sightline.perception.source;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames through FFmpeg (avformat + avcodec + swscale): {@code rtsp://} (TCP or UDP), {@code http(s)://} MJPEG
 * and other streams, and video files of any codec FFmpeg decodes. Pictures that fail to decode are skipped and
 * counted, never fatal. Streams: a read error or a read timeout throws (wrap in a {@link ReconnectingSource}),
 * capture time follows the stream's timestamps (re-anchored to arrival when they jump). Files: released at their
 * own timestamps (or at {@code fpsOverride}) when paced, and start over at the end with {@code loop}.
 */
public final class FfmpegSource implements FrameSource {
    /** Consecutive undecodable packets of a file after which it counts as unreadable rather than damaged. */
    private static final int MAX_BAD_IN_ROW = 500;
    private static final long REANCHOR_NANOS = 1_000_000_000L;

    private final String url;
    private final String cameraId;
    private final boolean network;
    private final StreamOptions options;
    private final boolean loop;
    private final double fpsOverride;
    private final Pacer pacer;
    private final SourceCounters counters = new SourceCounters();
    private volatile SourceInfo info;
    private FfmpegInput input;
    private FfmpegDecoder decoder;
    private AVPacket packet;
    private double timeBase;
    private double nominalFps;
    private long seq;
    private int index;
    private boolean draining;
    private boolean deliveredInPass;
    private long passFirstPts = Long.MIN_VALUE;
    private long passOffsetNanos;
    private long lastMediaNanos;
    private long anchorNanos = Long.MIN_VALUE;
    private int badInRow;

    /**
     * @param url         a path or a URL avformat opens
     * @param pacing      files: at their timestamps or as fast as asked (streams run on their own clock)
     * @param fpsOverride files: release at this rate instead of their timestamps; 0 = their own
     */
    public FfmpegSource(String url, String cameraId, StreamOptions options, ReplayPacing pacing, boolean loop,
                        double fpsOverride) {
        this.url = url;
        this.cameraId = cameraId;
        this.options = options;
        this.network = url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        this.loop = loop && !network;
        this.fpsOverride = fpsOverride;
        this.pacer = new Pacer(PaceClock.SYSTEM, network ? ReplayPacing.AS_FAST_AS_POSSIBLE : pacing);
        this.info = SourceInfo.named(url);
    }

    @Override
    public void open() {
        try {
            openInput();
        } catch (SourceException e) {
            counters.state(network ? SourceState.RECONNECTING : SourceState.FAILED, e.getMessage());
            throw e;
        }
        pacer.start();
    }

    private void openInput() {
        input = new FfmpegInput(url, describe(), options);
        try {
            AVStream st = input.stream();
            decoder = new FfmpegDecoder(st.codecpar(), describe(), options.decodeThreads());
            timeBase = av_q2d(st.time_base());
            nominalFps = rate(st.avg_frame_rate());
            if (nominalFps <= 0) {
                nominalFps = rate(st.r_frame_rate());
            }
            packet = av_packet_alloc();
        } catch (RuntimeException e) {
            closeInput();
            throw e;
        }
        double fps = fpsOverride > 0 ? fpsOverride : nominalFps;
        info = new SourceInfo(SourceUris.redact(url), decoder.width(), decoder.height(), fps, decoder.codecName());
        draining = false;
        deliveredInPass = false;
        passFirstPts = Long.MIN_VALUE;
    }

    private static double rate(AVRational r) {
        return r == null || r.den() == 0 ? 0 : av_q2d(r);
    }

    @Override
    public Optional<Frame> next() {
        if (decoder == null) {
            throw new SourceException(describe() + ": next() before open()");
        }
        while (true) {
            FfmpegDecoder.Result r = decoder.receive();
            switch (r) {
                case PICTURE -> {
                    return Optional.of(deliver());
                }
                case CORRUPT -> {
                    counters.skipped(describe() + ": " + decoder.lastError());
                    continue;
                }
                case END -> {
                    if (!restart()) {
                        counters.state(SourceState.ENDED, "");
                        return Optional.empty();
                    }
                    continue;
                }
                case AGAIN -> {
                    if (draining) {
                        if (!restart()) {
                            counters.state(SourceState.ENDED, "");
                            return Optional.empty();
                        }
                        continue;
                    }
                    feed();
                }
            }
        }
    }

    /** Reads packets until one of the video stream went to the decoder, or the end was reached (decoder flushed). */
    private void feed() {
        while (true) {
            av_packet_unref(packet);
            int rc = input.read(packet);
            if (rc == AVERROR_EOF) {
                if (network) {
                    throw new SourceException(describe() + ": the stream ended");
                }
                draining = true;
                decoder.send(null);
                return;
            }
            if (rc < 0) {
                if (network) {
                    throw new SourceException(describe() + ": " + (input.timedOut()
                        ? "no data for " + input.readTimeoutMs() + " ms" : "read failed: " + FfmpegInput.error(rc)));
                }
                bad("unreadable packet: " + FfmpegInput.error(rc));
                continue;
            }
            if (packet.stream_index() != input.streamIndex()) {
                continue;
            }
            if (!decoder.send(packet)) {
                bad(decoder.lastError());
                continue;
            }
            return;
        }
    }

    private void bad(String why) {
        counters.skipped(describe() + ": " + why);
        if (++badInRow >= MAX_BAD_IN_ROW) {
            throw new SourceException(describe() + ": " + badInRow + " unreadable packets in a row, last: " + why);
        }
    }

    /** Starts a looping file over; false when the source ends here. */
    private boolean restart() {
        if (!loop || !deliveredInPass) {
            return false;
        }
        passOffsetNanos = lastMediaNanos + framePeriodNanos();
        closeInput();
        openInput();
        return true;
    }

    private long framePeriodNanos() {
        double fps = fpsOverride > 0 ? fpsOverride : nominalFps;
        return fps > 0 ? Math.round(1e9 / fps) : 0;
    }

    private Frame deliver() {
        badInRow = 0;
        long pts = decoder.pictureTimestamp();
        Mat m = decoder.picture();
        long capture;
        long epochMs;
        if (network) {
            capture = streamCapture(pts);
            epochMs = System.currentTimeMillis() - (System.nanoTime() - capture) / 1_000_000;
        } else {
            lastMediaNanos = mediaNanos(pts);
            capture = pacer.release(lastMediaNanos);
            epochMs = pacer.epochMs(capture);
        }
        if (info.width() != m.cols() || info.height() != m.rows()) {
            info = info.withSize(m.cols(), m.rows());
        }
        deliveredInPass = true;
        counters.delivered();
        return new Frame(seq++, cameraId, capture, epochMs, network ? -1 : index++, m);
    }

    /** Media time of a file's picture since the first picture of the first pass. */
    private long mediaNanos(long pts) {
        if (fpsOverride > 0 || pts == Long.MIN_VALUE) {
            long period = framePeriodNanos();
            return seq == 0 ? 0 : (fpsOverride > 0 ? seq * period : lastMediaNanos + period);
        }
        if (passFirstPts == Long.MIN_VALUE) {
            passFirstPts = pts;
        }
        return passOffsetNanos + Math.round((pts - passFirstPts) * timeBase * 1e9);
    }

    /**
     * A stream picture's capture time: the first picture's arrival plus its timestamp's distance from the first
     * one, so that the spacing of the camera's clock is kept; re-anchored to the arrival when the mapping runs
     * ahead of now or falls more than a second behind (a jump, a restarted camera).
     */
    private long streamCapture(long pts) {
        long now = System.nanoTime();
        if (pts == Long.MIN_VALUE) {
            return now;
        }
        long ptsNanos = Math.round(pts * timeBase * 1e9);
        long t = anchorNanos == Long.MIN_VALUE ? Long.MIN_VALUE : anchorNanos + ptsNanos;
        if (t == Long.MIN_VALUE || t > now || now - t > REANCHOR_NANOS) {
            anchorNanos = now - ptsNanos;
            t = now;
        }
        return t;
    }

    @Override
    public SourceStatus status() {
        return counters.status();
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public String describe() {
        return (network ? "stream " : "video ") + SourceUris.redact(url);
    }

    private void closeInput() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
        if (input != null) {
            input.close();
            input = null;
        }
    }

    @Override
    public void close() {
        closeInput();
        counters.closed();
    }
}
