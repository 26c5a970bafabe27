package io.sightline.perception.source;

import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_CRCCHECK;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The decoder of one video stream and the conversion of its pictures to BGR {@link Mat}s; owns the
 * AVCodecContext, the AVFrame and the SwsContext. Send a packet (null = end of stream), then take pictures
 * until {@link Result#AGAIN}.
 */
final class FfmpegDecoder implements AutoCloseable {
    /** Linux's EAGAIN (x86_64 and arm64): AVERROR(EAGAIN) = -EAGAIN. */
    private static final int AVERROR_EAGAIN = -11;
    /** libavutil/frame.h AV_FRAME_FLAG_CORRUPT (not mapped by the preset). */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    enum Result { PICTURE, AGAIN, END, CORRUPT }

    private final String name;
    private final String codecName;
    private AVCodecContext ctx;
    private AVFrame frame;
    private SwsContext sws;
    private String lastError = "";

    FfmpegDecoder(AVCodecParameters par, String name, int threads) {
        this.name = name;
        this.codecName = avcodec_get_name(par.codec_id()).getString();
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        if (codec == null) {
            throw new SourceException(name + ": no decoder for codec " + codecName + " in this FFmpeg build");
        }
        ctx = avcodec_alloc_context3(codec);
        try {
            int rc = avcodec_parameters_to_context(ctx, par);
            if (rc < 0) {
                throw new SourceException(name + ": codec " + codecName + ": " + FfmpegInput.error(rc));
            }
            ctx.thread_count(threads);
            // A damaged picture is an error (skipped and counted), not a concealed image with garbage in it.
            ctx.err_recognition(ctx.err_recognition() | AV_EF_EXPLODE | AV_EF_CRCCHECK);
            rc = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (rc < 0) {
                throw new SourceException(name + ": cannot open the " + codecName + " decoder: " + FfmpegInput.error(rc));
            }
            frame = av_frame_alloc();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String codecName() {
        return codecName;
    }

    /**
     * Hands a packet to the decoder (null flushes at the end of the stream).
     *
     * @return false when the decoder rejected it as undecodable ({@link #lastError()} says why)
     */
    boolean send(AVPacket packet) {
        int rc = avcodec_send_packet(ctx, packet);
        if (rc < 0 && rc != AVERROR_EAGAIN && rc != org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
            lastError = "cannot decode a " + codecName + " packet: " + FfmpegInput.error(rc);
            return false;
        }
        return true;
    }

    /** The next decoded picture, kept in this decoder until the next call: see {@link #picture()}. */
    Result receive() {
        av_frame_unref(frame);
        int rc = avcodec_receive_frame(ctx, frame);
        if (rc == AVERROR_EAGAIN) {
            return Result.AGAIN;
        }
        if (rc == org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
            return Result.END;
        }
        if (rc < 0) {
            lastError = "cannot decode a " + codecName + " picture: " + FfmpegInput.error(rc);
            return Result.CORRUPT;
        }
        if ((frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0) {
            lastError = "corrupt " + codecName + " picture (decode errors 0x" + Integer.toHexString(frame.decode_error_flags()) + ")";
            return Result.CORRUPT;
        }
        return Result.PICTURE;
    }

    /** Presentation time of the last picture in stream time base units; Long.MIN_VALUE when it has none. */
    long pictureTimestamp() {
        long t = frame.best_effort_timestamp();
        return t == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? Long.MIN_VALUE : t;
    }

    int width() {
        return ctx.width();
    }

    int height() {
        return ctx.height();
    }

    /** The last picture as a new BGR 8UC3 Mat (the caller owns it). */
    Mat picture() {
        int w = frame.width();
        int h = frame.height();
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
            (DoublePointer) null);
        if (sws == null) {
            throw new SourceException(name + ": cannot convert " + codecName + " pixel format " + frame.format() + " to BGR");
        }
        Mat m = new Mat(h, w, CV_8UC3);
        try (PointerPointer<?> dst = new PointerPointer<>(1).put(0, m.data());
             IntPointer dstStride = new IntPointer(1).put(0, (int) m.step())) {
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, dst, dstStride);
        }
        return m;
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (ctx != null) {
            avcodec_free_context(ctx);
            ctx = null;
        }
    }
}
