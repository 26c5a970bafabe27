package io.sightline.perception.service;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.sightline.perception.pipeline.PerceptionResult;
import io.sightline.perception.pipeline.ResultPainter;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.source.Frame;
import io.sightline.transport.v1.DetectionFrame;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The latest processed frame for people to look at (the HTTP live view): the processing thread hands over the
 * frame it has finished with ({@link #offer}: no copy, no encoding, the previous one is closed), and readers ask for
 * the published DetectionFrame or a JPEG with the results drawn ({@link ResultPainter}). A JPEG is encoded only when
 * asked, at most once per frame and at most once per {@link #MIN_ENCODE_INTERVAL_NANOS} (a reader asking sooner
 * waits, then gets the newest frame), on the reader's thread; the processing thread waits only for a reader's copy of the pixels.
 */
public final class FrameView implements AutoCloseable {
    /** At most this often a JPEG is encoded, however many readers ask (10 per second). */
    static final long MIN_ENCODE_INTERVAL_NANOS = 100_000_000L;

    /** What the view shows: the message published for the frame, and its description sentence. */
    public record Shown(DetectionFrame message, String description) {
    }

    private final ResultPainter painter = new ResultPainter();
    private Frame frame; // guarded by this
    private PerceptionResult result;
    private DetectionFrame message;
    private volatile Shown shown;
    private final Object encoding = new Object();
    private long encodedSeq = -1; // guarded by encoding
    private long encodedAtNanos;
    private byte[] jpeg;
    private boolean closed;

    /** Takes ownership of {@code frame} (closed here when the next one comes, or at {@link #close()}). */
    void offer(Frame frame, PerceptionResult result, DetectionFrame message) {
        Frame previous;
        synchronized (this) {
            if (closed) {
                previous = frame;
            } else {
                previous = this.frame;
                this.frame = frame;
                this.result = result;
                this.message = message;
                this.shown = new Shown(message, result.description());
            }
        }
        if (previous != null) {
            previous.close();
        }
    }

    /** The latest frame's message and description; empty before the first frame. */
    public Optional<Shown> shown() {
        return Optional.ofNullable(shown);
    }

    /**
     * The latest frame as a JPEG at the sensor's size with boxes, track ids, labels, scores and positions drawn;
     * empty before the first frame.
     */
    public Optional<byte[]> jpeg() {
        synchronized (encoding) {
            Shown s = shown;
            if (s == null) {
                return Optional.empty();
            }
            if (jpeg != null && s.message().getHeader().getSeq() == encodedSeq) {
                return Optional.of(jpeg);
            }
            long wait = MIN_ENCODE_INTERVAL_NANOS - (System.nanoTime() - encodedAtNanos);
            if (jpeg != null && wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // rate limit: then the newest frame
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.of(jpeg);
                }
            }
            Mat copy;
            PerceptionResult r;
            long seq;
            synchronized (this) {
                if (frame == null) {
                    return Optional.ofNullable(jpeg);
                }
                copy = frame.image().clone();
                r = result;
                seq = message.getHeader().getSeq();
            }
            try (Mat image = copy) {
                if (image.cols() != r.width() || image.rows() != r.height()) {
                    try (Size size = new Size(r.width(), r.height())) {
                        resize(image, image, size, 0, 0, INTER_LINEAR);
                    }
                }
                painter.paint(image, r);
                jpeg = FrameImages.encode(image, "jpg");
            }
            encodedSeq = seq;
            encodedAtNanos = System.nanoTime();
            return Optional.of(jpeg);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (frame != null) {
            frame.close();
            frame = null;
        }
    }
}
