package io.sightline.perception.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP server on loopback for tests and benchmarks: GStreamer's RTSP server (Debian's python3-gi and
 * gir1.2-gst-rtsp-server-1.0) serving {@code videotestsrc} as H.264 at {@code rtsp://127.0.0.1:PORT/test}, run as a
 * {@code python3} subprocess of the bundled {@code rtsp_server.py}. {@link #kill()} drops it at once, mid-stream.
 */
public final class LoopbackRtspServer implements AutoCloseable {
    private final Process process;
    private final int port;

    /** Starts the server and waits until it listens. */
    public LoopbackRtspServer(Path workDir, int port, int width, int height, int fps) throws IOException {
        this.port = port;
        Path script = workDir.resolve("rtsp_server.py");
        try (InputStream in = LoopbackRtspServer.class.getResourceAsStream("rtsp_server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        process = new ProcessBuilder(python(), script.toString(), String.valueOf(port), String.valueOf(width),
            String.valueOf(height), String.valueOf(fps)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IOException("RTSP server did not start: " + line);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the server's log is not needed; reading keeps its pipe from filling
                }
            } catch (IOException ignored) {
                // the server is gone
            }
        }, "rtsp-server-log");
        drain.setDaemon(true);
        drain.start();
    }

    /** The stream, with {@code userInfo@} before the host when given ("" for none): the server takes any. */
    public String url(String userInfo) {
        return "rtsp://" + (userInfo.isEmpty() ? "" : userInfo + "@") + "127.0.0.1:" + port + "/test";
    }

    /** Ends the server at once (SIGKILL): clients see the stream drop. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Why the server cannot run here (python3-gi, GstRtspServer, x264enc or rtph264pay missing); empty when it can. */
    public static Optional<String> missingParts() {
        try {
            Process p = new ProcessBuilder(python(), "-c", "import gi; gi.require_version('Gst','1.0');"
                + " gi.require_version('GstRtspServer','1.0'); from gi.repository import Gst, GstRtspServer; Gst.init(None);"
                + " import sys; sys.exit(0 if Gst.ElementFactory.find('x264enc') and Gst.ElementFactory.find('rtph264pay') else 3)")
                .redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("python3-gi did not answer");
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of("GStreamer's RTSP server is not installed (Debian: apt-get install"
                + " python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-ugly gstreamer1.0-plugins-good)");
        } catch (IOException e) {
            return Optional.of("cannot run " + python() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
