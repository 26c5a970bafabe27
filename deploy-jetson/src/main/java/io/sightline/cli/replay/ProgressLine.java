package io.sightline.cli.replay;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return at most every 200 ms:
 * {@code [########............] 412/1000 frames  24.1 fps  ETA 24 s}. Callers turn it off when there is
 * no terminal ({@link #wanted}), so logs and pipes stay clean.
 */
final class ProgressLine {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    /** @param total frames expected; 0 or less when unknown (a looping or live source) */
    ProgressLine(PrintWriter err, long total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    /** A bar is wanted unless switched off or the process has no console (output redirected, service). */
    static boolean wanted(boolean switchedOff) {
        return !switchedOff && System.console() != null;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (!enabled || (drawn && now - lastDraw < REDRAW_NANOS && done != total)) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print("\r" + render(done, total, (now - started) / 1e9));
        err.flush();
    }

    /** Ends the line so that the next output starts on its own line. */
    void finish(long done) {
        if (!enabled) {
            return;
        }
        err.print("\r" + render(done, total, (System.nanoTime() - started) / 1e9) + "\n");
        err.flush();
    }

    static String render(long done, long total, double seconds) {
        double fps = seconds > 0 ? done / seconds : 0;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%d frames  %.1f fps", done, fps);
        }
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = fps > 0 && done < total ? String.format(Locale.ROOT, "  ETA %.0f s", (total - done) / fps) : "";
        return String.format(Locale.ROOT, "[%s] %d/%d frames  %.1f fps%s", bar, done, total, fps, eta);
    }
}
