package io.sightline.perception.source;

import io.sightline.perception.pack.ImageSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link FrameSources} builds a source besides its {@link SourceSpec}.
 *
 * @param cameraId   camera id the frames carry
 * @param loop       a recording starts over when it ends
 * @param pacing     scenes: at their recorded rate (live-like) or as fast as the consumer asks
 * @param decoding   recorded JPEG frames: every pixel, or the reduction that still covers {@code modelInput}
 * @param modelInput the model's input size, for {@link FrameDecoding#MODEL_SIZE}
 * @param gstWidth   frame width of a GStreamer pipeline's raw output
 * @param gstHeight  frame height of a GStreamer pipeline's raw output
 * @param backoff    reconnect delays of live sources
 * @param prefetch   frames decoded ahead on a read-ahead thread (0 = none; {@link PrefetchingSource})
 * @param fps        pacing rate of recordings: image folders at this rate, video files at it instead of their own
 *                   timestamps; 0 = the recording's own rate (image folders: {@link #IMAGE_FOLDER_FPS})
 * @param stream     how FFmpeg opens streams (RTSP transport, timeouts, low latency) and decoder threads
 */
public record SourceOptions(String cameraId, boolean loop, ReplayPacing pacing, FrameDecoding decoding,
                            Optional<ImageSpec> modelInput, int gstWidth, int gstHeight, Backoff backoff, int prefetch,
                            double fps, StreamOptions stream) {
    /** Rate of image folders when no fps is given. */
    public static final double IMAGE_FOLDER_FPS = 10;
    /** Frame size of {@code gst:} pipelines unless given otherwise. */
    public static final int GST_WIDTH = 640;
    public static final int GST_HEIGHT = 480;

    public SourceOptions {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(modelInput, "modelInput");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(stream, "stream");
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be >= 0 (0 = the recording's own rate), got " + fps);
        }
        if (decoding == FrameDecoding.MODEL_SIZE && modelInput.isEmpty()) {
            throw new IllegalArgumentException("model-size frame decoding needs the model's input size");
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
        }
    }

    /** {@code sightline run}: scenes at their recorded rate, every pixel decoded, cameras reconnecting with backoff. */
    public static SourceOptions live(String cameraId, boolean loop) {
        return new SourceOptions(cameraId, loop, ReplayPacing.RECORDED_FPS, FrameDecoding.FULL, Optional.empty(),
            GST_WIDTH, GST_HEIGHT, Backoff.camera(), 0, 0, StreamOptions.defaults());
    }

    /** Replay, eval and bench: every frame once, as fast as possible, decoded as {@code decoding} says for {@code model}. */
    public static SourceOptions offline(FrameDecoding decoding, ImageSpec model) {
        return new SourceOptions("replay", false, ReplayPacing.AS_FAST_AS_POSSIBLE, decoding, Optional.of(model),
            GST_WIDTH, GST_HEIGHT, Backoff.camera(), 0, 0, StreamOptions.defaults());
    }

    public SourceOptions withLoop(boolean l) {
        return new SourceOptions(cameraId, l, pacing, decoding, modelInput, gstWidth, gstHeight, backoff, prefetch, fps, stream);
    }

    public SourceOptions withPacing(ReplayPacing p) {
        return new SourceOptions(cameraId, loop, p, decoding, modelInput, gstWidth, gstHeight, backoff, prefetch, fps, stream);
    }

    public SourceOptions withBackoff(Backoff b) {
        return new SourceOptions(cameraId, loop, pacing, decoding, modelInput, gstWidth, gstHeight, b, prefetch, fps, stream);
    }

    public SourceOptions withGstSize(int width, int height) {
        return new SourceOptions(cameraId, loop, pacing, decoding, modelInput, width, height, backoff, prefetch, fps, stream);
    }

    public SourceOptions withPrefetch(int frames) {
        return new SourceOptions(cameraId, loop, pacing, decoding, modelInput, gstWidth, gstHeight, backoff, frames, fps, stream);
    }

    public SourceOptions withFps(double f) {
        return new SourceOptions(cameraId, loop, pacing, decoding, modelInput, gstWidth, gstHeight, backoff, prefetch, f, stream);
    }

    public SourceOptions withStream(StreamOptions s) {
        return new SourceOptions(cameraId, loop, pacing, decoding, modelInput, gstWidth, gstHeight, backoff, prefetch, fps, s);
    }

    /** The rate image folders are paced at. */
    public double imageFolderFps() {
        return fps > 0 ? fps : IMAGE_FOLDER_FPS;
    }
}
