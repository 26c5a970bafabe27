package io.sightline.perception.source;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * One OpenCV {@link VideoCapture}, opened on a file, device index or URL with a named backend. The
 * JavaCPP OpenCV build has no FFmpeg: AVI files with Motion-JPEG (CAP_OPENCV_MJPEG) and V4L2 devices
 * (CAP_V4L2) work; H.264 files and RTSP need an OpenCV with FFmpeg or GStreamer (use {@link GStreamerSource}).
 */
final class CaptureDevice implements AutoCloseable {
    private final VideoCapture capture;
    private final String name;

    private CaptureDevice(VideoCapture capture, String name) {
        this.capture = capture;
        this.name = name;
    }

    static CaptureDevice open(String target, int api, String name) {
        VideoCapture c = new VideoCapture();
        boolean ok;
        try {
            ok = c.open(target, api);
        } catch (RuntimeException e) {
            c.close();
            throw new SourceException(name + ": OpenCV cannot open it: " + e.getMessage(), e);
        }
        return checked(c, ok, name);
    }

    static CaptureDevice open(int index, int api, String name) {
        VideoCapture c = new VideoCapture();
        boolean ok;
        try {
            ok = c.open(index, api);
        } catch (RuntimeException e) {
            c.close();
            throw new SourceException(name + ": OpenCV cannot open it: " + e.getMessage(), e);
        }
        return checked(c, ok, name);
    }

    private static CaptureDevice checked(VideoCapture c, boolean ok, String name) {
        if (!ok || !c.isOpened()) {
            c.close();
            throw new SourceException(name + ": OpenCV cannot open it (missing, no permission, or no backend for this format)");
        }
        return new CaptureDevice(c, name);
    }

    /** The next image as a new BGR Mat (caller closes), or null when the capture has no more. */
    Mat read() {
        Mat m = new Mat();
        if (!capture.read(m) || m.empty()) {
            m.close();
            return null;
        }
        return m;
    }

    double fps() {
        return capture.get(org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FPS);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        capture.release();
        capture.close();
    }
}
