package io.sightline.perception.scene;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_ANY;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_OPENCV_MJPEG;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;

/**
 * Where drawn frames go: a folder of PNGs ({@code NNNNNN.png}, named by frame index) or a video file,
 * chosen by the path: {@code .avi} is Motion-JPEG (OpenCV's built-in AVI writer, works on every build),
 * {@code .mp4} is MPEG-4 Part 2 ("mp4v"), which needs an OpenCV build with an FFmpeg / GStreamer backend.
 */
public abstract sealed class FrameOutput implements AutoCloseable {
    /** Opens {@code out} as a video when it ends in .avi or .mp4, otherwise as a PNG folder. */
    public static FrameOutput open(Path out, double fps, int width, int height) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".avi")) {
            // OpenCV's own MJPEG/AVI writer, named so that other backends are not probed first (they log errors).
            return new Video(out, CAP_OPENCV_MJPEG, VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G'), fps, width, height);
        }
        if (name.endsWith(".mp4")) {
            return new Video(out, CAP_ANY, VideoWriter.fourcc((byte) 'm', (byte) 'p', (byte) '4', (byte) 'v'), fps, width, height);
        }
        return new PngFolder(out);
    }

    /** Appends one BGR frame (the video's size). */
    public abstract void write(int index, Mat bgr);

    /** Frames written so far. */
    public abstract int written();

    @Override
    public abstract void close();

    static final class PngFolder extends FrameOutput {
        private final Path dir;
        private int written;

        PngFolder(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create output folder " + dir, e);
            }
            this.dir = dir;
        }

        @Override
        public void write(int index, Mat bgr) {
            Path file = dir.resolve(String.format(Locale.ROOT, "%06d.png", index));
            if (!imwrite(file.toString(), bgr)) {
                throw new UncheckedIOException(new IOException("OpenCV could not write " + file));
            }
            written++;
        }

        @Override
        public int written() {
            return written;
        }

        @Override
        public void close() {}
    }

    static final class Video extends FrameOutput {
        private final Path file;
        private final VideoWriter writer;
        private final int width;
        private final int height;
        private int written;

        Video(Path file, int backend, int fourcc, double fps, int width, int height) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create folder for " + file, e);
            }
            this.file = file;
            this.width = width;
            this.height = height;
            try (Size size = new Size(width, height)) {
                this.writer = new VideoWriter(file.toString(), backend, fourcc, fps, size, true);
            }
            if (!writer.isOpened()) {
                writer.close();
                throw new IllegalStateException("OpenCV cannot open a video writer for " + file
                    + (file.toString().toLowerCase(Locale.ROOT).endsWith(".mp4")
                        ? " (this OpenCV build has no MPEG-4 encoder; write .avi (Motion-JPEG) or a PNG folder instead)" : ""));
            }
        }

        @Override
        public void write(int index, Mat bgr) {
            if (bgr.cols() != width || bgr.rows() != height) {
                throw new IllegalArgumentException("frame " + index + " is " + bgr.cols() + "x" + bgr.rows()
                    + " but the video " + file + " is " + width + "x" + height);
            }
            writer.write(bgr);
            written++;
        }

        @Override
        public int written() {
            return written;
        }

        @Override
        public void close() {
            writer.release();
            writer.close();
        }
    }
}
