package io.sightline.perception.source;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_ANY;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_OPENCV_MJPEG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames of a video file through OpenCV, as fast as they decode. {@code .avi} files are opened with
 * OpenCV's built-in Motion-JPEG reader (works on every build); other containers need a backend the
 * OpenCV build has (the JavaCPP build has no FFmpeg, so MP4/H.264 fails to open with a clear message).
 */
public final class VideoFileSource implements FrameSource {
    private final Path file;
    private final String cameraId;
    private final SourceCounters counters = new SourceCounters();
    private CaptureDevice device;
    private long seq;
    private int index;

    public VideoFileSource(Path file, String cameraId) {
        this.file = file;
        this.cameraId = cameraId;
    }

    @Override
    public void open() {
        if (!Files.isRegularFile(file)) {
            counters.state(SourceState.FAILED, "no such file");
            throw new SourceException(describe() + ": no such file");
        }
        boolean avi = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".avi");
        try {
            device = CaptureDevice.open(file.toString(), avi ? CAP_OPENCV_MJPEG : CAP_ANY, describe());
        } catch (SourceException e) {
            counters.state(SourceState.FAILED, e.getMessage());
            throw avi ? e : new SourceException(e.getMessage() + "; this OpenCV build reads Motion-JPEG .avi files"
                + " (convert, or use a GStreamer pipeline source)");
        }
    }

    @Override
    public Optional<Frame> next() {
        if (device == null) {
            throw new SourceException(describe() + ": next() before open()");
        }
        Mat m = device.read();
        if (m == null) {
            counters.state(SourceState.ENDED, "");
            return Optional.empty();
        }
        counters.delivered();
        return Optional.of(new Frame(seq++, cameraId, System.nanoTime(), System.currentTimeMillis(), index++, m));
    }

    @Override
    public SourceStatus status() {
        return counters.status();
    }

    @Override
    public String describe() {
        return "video " + file;
    }

    @Override
    public void close() {
        if (device != null) {
            device.close();
            device = null;
        }
        counters.closed();
    }
}
