package io.sightline.perception.source;

import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One opened FFmpeg input (file, rtsp://, http(s)://) and its best video stream; owns the AVFormatContext.
 * Every blocking call runs under a deadline checked by FFmpeg's interrupt callback (connect timeout while
 * opening, read timeout per packet), so a dead stream fails with a clear message instead of blocking forever.
 * FFmpeg's own log is off: it would print URLs with their credentials.
 */
final class FfmpegInput implements AutoCloseable {
    /** One native callback for every input (JavaCPP callbacks are a scarce resource); opaque = the input's key. */
    private static final Map<Long, FfmpegInput> OPEN = new ConcurrentHashMap<>();
    private static final AVIOInterruptCB.Callback_Pointer INTERRUPT;

    static {
        av_log_set_level(AV_LOG_QUIET);
        avformat_network_init();
        INTERRUPT = new AVIOInterruptCB.Callback_Pointer() {
            @Override
            public int call(Pointer opaque) {
                FfmpegInput in = OPEN.get(opaque.address());
                return in == null || in.interrupted() ? 1 : 0;
            }
        };
    }

    private final String name;
    private final LongPointer opaque = new LongPointer(1);
    private final long readTimeoutNanos;
    private AVFormatContext ctx;
    private final int streamIndex;
    private volatile long deadlineNanos;
    private volatile boolean closed;

    /**
     * @param url  what avformat opens (a path or a URL)
     * @param name the redacted name for messages
     * @throws SourceException naming the source and FFmpeg's reason when it cannot be opened
     */
    FfmpegInput(String url, String name, StreamOptions o) {
        this.name = name;
        this.readTimeoutNanos = o.readTimeout().toNanos();
        OPEN.put(opaque.address(), this);
        ctx = avformat_alloc_context();
        ctx.interrupt_callback().callback(INTERRUPT);
        ctx.interrupt_callback().opaque(opaque);
        AVDictionary opts = new AVDictionary(null);
        try {
            String lower = url.toLowerCase(Locale.ROOT);
            boolean network = lower.matches("^[a-z][a-z0-9+.-]*://.*");
            if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
                av_dict_set(opts, "rtsp_transport", o.transport().name().toLowerCase(Locale.ROOT), 0);
            }
            if (network) {
                av_dict_set(opts, "timeout", String.valueOf(o.readTimeout().toNanos() / 1000), 0); // µs, socket I/O
            }
            if (network && o.lowLatency()) {
                av_dict_set(opts, "fflags", "nobuffer", 0);
                av_dict_set(opts, "flags", "low_delay", 0);
                av_dict_set(opts, "max_delay", "200000", 0);
                av_dict_set(opts, "analyzeduration", "1000000", 0);
            }
            deadline(o.connectTimeout().toNanos());
            int rc = avformat_open_input(ctx, url, null, opts);
            if (rc < 0) {
                ctx = null; // freed by avformat_open_input on failure
                throw fail("cannot open", rc, o.connectTimeout().toMillis());
            }
            rc = avformat_find_stream_info(ctx, (AVDictionary) null);
            if (rc < 0) {
                throw fail("cannot read stream info", rc, o.connectTimeout().toMillis());
            }
            streamIndex = av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw new SourceException(name + ": has no video stream");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            av_dict_free(opts);
        }
    }

    private boolean interrupted() {
        return closed || System.nanoTime() - deadlineNanos > 0;
    }

    private void deadline(long fromNowNanos) {
        deadlineNanos = System.nanoTime() + fromNowNanos;
    }

    private SourceException fail(String what, int rc, long timeoutMs) {
        String why = interrupted() && !closed ? "no answer within " + timeoutMs + " ms" : error(rc);
        return new SourceException(name + ": " + what + ": " + why);
    }

    /** FFmpeg's text for an error code. */
    static String error(int rc) {
        try (BytePointer buf = new BytePointer(256)) {
            av_strerror(rc, buf, 256);
            // getString() reads the whole 256-byte buffer here (its limit is set): the text ends at the first NUL
            String text = buf.getString();
            int end = text.indexOf('\0');
            return (end < 0 ? text : text.substring(0, end)) + " (" + rc + ")";
        }
    }

    AVStream stream() {
        return ctx.streams(streamIndex);
    }

    int streamIndex() {
        return streamIndex;
    }

    /**
     * Reads the next packet of any stream into {@code packet} under the read timeout.
     *
     * @return FFmpeg's code: 0, AVERROR_EOF at the end, another negative code on an error (AVERROR_EXIT after
     *         the read timeout: see {@link #timedOut()})
     */
    int read(AVPacket packet) {
        deadline(readTimeoutNanos);
        return av_read_frame(ctx, packet);
    }

    /** Whether the last call ran past its deadline. */
    boolean timedOut() {
        return !closed && System.nanoTime() - deadlineNanos > 0;
    }

    long readTimeoutMs() {
        return readTimeoutNanos / 1_000_000;
    }

    /** Wall-clock time (epoch µs) of the stream's start when the server told it (RTSP RTCP), else Long.MIN_VALUE. */
    long startRealtimeMicros() {
        long t = ctx.start_time_realtime();
        return t == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE || t <= 0 ? Long.MIN_VALUE : t;
    }

    @Override
    public void close() {
        closed = true;
        if (ctx != null) {
            avformat_close_input(ctx);
            ctx = null;
        }
        OPEN.remove(opaque.address());
        opaque.close();
    }
}
