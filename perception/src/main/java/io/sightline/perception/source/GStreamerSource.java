package io.sightline.perception.source;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames from a GStreamer pipeline run as a {@code gst-launch-1.0} subprocess: the given source part
 * (e.g. {@code nvarguscamerasrc ! nvvidconv} on a Jetson CSI camera, {@code rtspsrc location=... !
 * decodebin}, {@code videotestsrc}) is followed by {@code videoconvert ! video/x-raw,format=BGR,width=W,
 * height=H ! fdsink fd=1}, and raw W x H x 3 frames are read from its stdout. This reaches cameras that
 * the JavaCPP OpenCV build (no GStreamer, no FFmpeg) cannot open. The process ending with status 0 ends the
 * source; any other ending is a {@link SourceException} carrying the tail of its stderr.
 */
public final class GStreamerSource implements FrameSource {
    private static final int STDERR_TAIL = 2000;
    private static final Pattern FRAMERATE =
        Pattern.compile("framerate=(?:\\(fraction\\))?\\s*(\\d+(?:\\.\\d+)?)(?:/(\\d+))?");

    private final String sourcePipeline;
    private final int width;
    private final int height;
    private final String cameraId;
    private final String launcher;
    private final SourceCounters counters = new SourceCounters();
    private final byte[] buffer;
    private final StringBuilder stderrTail = new StringBuilder();
    private Process process;
    private InputStream stdout;
    private Thread stderrReader;
    private long seq;

    public GStreamerSource(String sourcePipeline, int width, int height, String cameraId) {
        this(sourcePipeline, width, height, cameraId, "gst-launch-1.0");
    }

    /** With another launcher binary (a full path on systems where it is not on PATH). */
    public GStreamerSource(String sourcePipeline, int width, int height, String cameraId, String launcher) {
        if (sourcePipeline == null || sourcePipeline.isBlank()) {
            throw new IllegalArgumentException("GStreamer source pipeline is empty");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("GStreamer frame size must be positive, got " + width + "x" + height);
        }
        this.sourcePipeline = sourcePipeline.strip();
        this.width = width;
        this.height = height;
        this.cameraId = cameraId;
        this.launcher = launcher;
        this.buffer = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
    }

    /** The full command line run: launcher, -q (keeps stdout for frames only) and the pipeline. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher);
        cmd.add("-q");
        // One argument per token, as a shell would pass them: gst_parse_launchv escapes spaces inside an argument.
        cmd.addAll(tokens(sourcePipeline + " ! videoconvert ! video/x-raw,format=BGR,width=" + width + ",height=" + height
            + " ! fdsink fd=1"));
        return cmd;
    }

    /** Splits at whitespace outside double quotes and drops the quotes, like a POSIX shell for these strings. */
    static List<String> tokens(String pipeline) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : pipeline.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("GStreamer pipeline has an unclosed double quote: " + pipeline);
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    @Override
    public void open() {
        try {
            process = new ProcessBuilder(command()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            String reason = describe() + ": cannot start " + launcher + " (" + e.getMessage()
                + "); install gstreamer1.0-tools and gstreamer1.0-plugins-base";
            counters.state(SourceState.FAILED, reason);
            throw new SourceException(reason, e);
        }
        closeQuietly(process.getOutputStream());
        stdout = process.getInputStream();
        stderrReader = new Thread(this::drainStderr, "gst-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    private static void closeQuietly(java.io.OutputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gst-launch never reads stdin.
        }
    }

    private void drainStderr() {
        byte[] b = new byte[1024];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(b)) > 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException ignored) {
            // The process is gone; whatever was read is kept.
        }
    }

    @Override
    public Optional<Frame> next() {
        if (process == null) {
            throw new SourceException(describe() + ": next() before open()");
        }
        int read = readFully();
        if (read == buffer.length) {
            Mat m = new Mat(height, width, CV_8UC3);
            m.data().put(buffer, 0, buffer.length);
            counters.delivered();
            return Optional.of(new Frame(seq++, cameraId, System.nanoTime(), System.currentTimeMillis(), -1, m));
        }
        if (read > 0) {
            counters.skipped("last frame cut short: " + read + " of " + buffer.length + " bytes");
        }
        int exit = waitForExit();
        if (exit == 0) {
            counters.state(SourceState.ENDED, "");
            return Optional.empty();
        }
        String reason = describe() + ": gst-launch-1.0 exited with status " + exit + ": " + SourceUris.redact(stderrTail());
        counters.state(SourceState.DEGRADED, reason);
        throw new SourceException(reason);
    }

    /** Reads one frame's bytes; fewer at end of stream. */
    private int readFully() {
        int off = 0;
        try {
            while (off < buffer.length) {
                int n = stdout.read(buffer, off, buffer.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (EOFException e) {
            return off;
        } catch (IOException e) {
            throw new SourceException(describe() + ": reading frames failed: " + e.getMessage(), e);
        }
        return off;
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            stderrReader.join(1000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return stderrTail.toString().strip();
        }
    }

    @Override
    public SourceStatus status() {
        return counters.status();
    }

    /** The pipeline (credentials in a location=rtsp://... removed), the size it is converted to, the rate its caps ask for. */
    @Override
    public SourceInfo info() {
        return new SourceInfo(SourceUris.redact("gst:" + sourcePipeline), width, height, capsFps(sourcePipeline), "raw");
    }

    /** The last {@code framerate=N/D} (or {@code framerate=N}) in the pipeline's caps; 0 when it sets none. */
    static double capsFps(String pipeline) {
        Matcher m = FRAMERATE.matcher(pipeline);
        double fps = 0;
        while (m.find()) {
            double den = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
            fps = den > 0 ? Double.parseDouble(m.group(1)) / den : 0;
        }
        return fps;
    }

    @Override
    public String describe() {
        return "gstreamer '" + SourceUris.redact(sourcePipeline) + "'";
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        counters.closed();
    }
}
