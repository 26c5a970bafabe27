package io.sightline.perception.source;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link FfmpegSource} opens network streams and decodes.
 *
 * @param transport      RTSP over TCP (interleaved, robust through NAT and loss) or UDP (lower latency, may drop)
 * @param connectTimeout longest wait to open a stream before it counts as failed (and is retried with backoff)
 * @param readTimeout    longest wait for the next packet of an open stream: a dead stream never blocks forever
 * @param lowLatency     no demuxer buffering ({@code fflags nobuffer}, {@code flags low_delay}, short probing)
 * @param decodeThreads  decoder threads; 0 = FFmpeg's choice (one per core)
 */
public record StreamOptions(RtspTransport transport, Duration connectTimeout, Duration readTimeout, boolean lowLatency,
                            int decodeThreads) {
    public enum RtspTransport { TCP, UDP }

    public StreamOptions {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("stream timeouts must be > 0, got connect " + connectTimeout + ", read " + readTimeout);
        }
        if (decodeThreads < 0) {
            throw new IllegalArgumentException("decode threads must be >= 0, got " + decodeThreads);
        }
    }

    /** TCP, 5 s to connect, 5 s per read, low latency, threads chosen by FFmpeg. */
    public static StreamOptions defaults() {
        return new StreamOptions(RtspTransport.TCP, Duration.ofSeconds(5), Duration.ofSeconds(5), true, 0);
    }

    public StreamOptions withTransport(RtspTransport t) {
        return new StreamOptions(t, connectTimeout, readTimeout, lowLatency, decodeThreads);
    }

    public StreamOptions withDecodeThreads(int threads) {
        return new StreamOptions(transport, connectTimeout, readTimeout, lowLatency, threads);
    }
}
