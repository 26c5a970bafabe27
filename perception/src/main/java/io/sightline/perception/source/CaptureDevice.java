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

    /** What the device delivers: its frame size, its rate, its pixel format (the FOURCC) as the codec. */
    SourceInfo info(String uri) {
        int w = (int) capture.get(org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_WIDTH);
        int h = (int) capture.get(org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_HEIGHT);
        double rate = fps();
        return new SourceInfo(uri, Math.max(w, 0), Math.max(h, 0), rate > 0 ? rate : 0,
            fourcc(capture.get(org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FOURCC)));
    }

    /** OpenCV's FOURCC property (four characters, least significant byte first) as a codec name: "mjpg", "yuyv"; "" if none. */
    static String fourcc(double property) {
        long v = (long) property;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            char c = (char) ((v >> (8 * i)) & 0xff);
            if (c > ' ' && c < 127) {
                s.append(Character.toLowerCase(c));
            }
        }
        return s.toString();
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
