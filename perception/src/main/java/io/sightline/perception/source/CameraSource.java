package io.sightline.perception.source;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_ANY;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_V4L2;

import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A live camera through OpenCV: a V4L2 device index ("0") or path ("/dev/video0"), or a stream URL
 * ("rtsp://...", "http://...") where the OpenCV build has a backend for it (the JavaCPP build has none
 * for RTSP; reach such cameras with {@link GStreamerSource}). A camera that cannot be opened or stops
 * delivering throws {@link SourceException} with the reason and reports DEGRADED; wrap it in a
 * {@link ReconnectingSource} to retry with backoff.
 */
public final class CameraSource implements FrameSource {
    private final String target;
    private final String cameraId;
    private final SourceCounters counters = new SourceCounters();
    private CaptureDevice device;
    private volatile SourceInfo info;
    private long seq;

    public CameraSource(String target, String cameraId) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("camera device must be an index, a /dev/video path or a URL, got '" + target + "'");
        }
        this.target = target.strip();
        this.cameraId = cameraId;
        this.info = SourceInfo.named(this.target);
    }

    @Override
    public void open() {
        try {
            if (target.chars().allMatch(Character::isDigit)) {
                device = CaptureDevice.open(Integer.parseInt(target), CAP_V4L2, describe());
            } else if (target.matches("/dev/video\\d+")) {
                // The V4L2 backend of this OpenCV build opens devices by index only.
                device = CaptureDevice.open(Integer.parseInt(target.substring("/dev/video".length())), CAP_V4L2, describe());
            } else if (target.startsWith("/dev/")) {
                device = CaptureDevice.open(target, CAP_V4L2, describe());
            } else {
                device = CaptureDevice.open(target, CAP_ANY, describe());
            }
            info = device.info(SourceUris.redact(target));
            counters.state(SourceState.CONNECTING, "");
        } catch (SourceException e) {
            counters.state(SourceState.DEGRADED, e.getMessage());
            throw e;
        }
    }

    @Override
    public Optional<Frame> next() {
        if (device == null) {
            throw new SourceException(describe() + ": not open");
        }
        Mat m = device.read();
        if (m == null) {
            String reason = describe() + ": no frame (device unplugged or stream stopped)";
            counters.state(SourceState.DEGRADED, reason);
            throw new SourceException(reason);
        }
        counters.delivered();
        return Optional.of(new Frame(seq++, cameraId, System.nanoTime(), System.currentTimeMillis(), -1, m));
    }

    @Override
    public SourceStatus status() {
        return counters.status();
    }

    /** The device or URL; its size, rate and pixel format once open. */
    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public String describe() {
        return "camera " + SourceUris.redact(target);
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
