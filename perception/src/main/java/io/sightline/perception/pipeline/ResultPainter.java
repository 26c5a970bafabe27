package io.sightline.perception.pipeline;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Map;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws a {@link PerceptionResult} onto a BGR image for people: each detection's box in its colour with
 * "#track label score" (and the position in metres), grounding targets framed in white, and a banner with
 * the frame number, the stage timings and the description.
 */
public final class ResultPainter {
    private static final double FONT_SCALE = 0.4;
    private static final int PAD = 2;
    /** BGR display colours of the pack's colour attributes; other labels are drawn grey. */
    private static final Map<String, int[]> COLOURS = Map.of(
        "red", new int[] {40, 40, 220}, "green", new int[] {60, 170, 60}, "blue", new int[] {200, 90, 30},
        "yellow", new int[] {0, 215, 235}, "orange", new int[] {0, 140, 255}, "purple", new int[] {160, 50, 140});
    private static final int[] GREY = {128, 128, 128};
    private static final int[] WHITE = {255, 255, 255};
    private static final int[] BLACK = {0, 0, 0};

    public void paint(Mat bgr, PerceptionResult r) {
        for (ObjectResult o : r.objects()) {
            paint(bgr, o);
        }
        paintGroundingsAndBanner(bgr, r);
    }

    /** Draws detections alone (no track, position or banner): {@code sightline detect --annotate}. */
    public void paint(Mat bgr, List<Detection> detections) {
        for (Detection d : detections) {
            paint(bgr, new ObjectResult(d, OptionalLong.empty(), Optional.empty(), Optional.empty()));
        }
    }

    private void paint(Mat bgr, ObjectResult o) {
        Detection d = o.detection();
        int[] colour = COLOURS.getOrDefault(d.colour(), GREY);
        int[] rect = rect(d.box());
        try (Point a = new Point(rect[0], rect[1]); Point b = new Point(rect[2], rect[3]); Scalar c = scalar(colour)) {
            rectangle(bgr, a, b, c, o.trackId().isPresent() ? 2 : 1, LINE_8, 0);
        }
        String text = (o.trackId().isPresent() ? "#" + o.trackId().getAsLong() + " " : "")
            + d.label() + String.format(Locale.ROOT, " %.2f", d.score())
            + o.position().map(p -> String.format(Locale.ROOT, " (%.2f,%.2f)m", p.x(), p.y())).orElse("");
        label(bgr, text, rect[0], Math.max(0, rect[1] - 14), colour);
    }

    private void paintGroundingsAndBanner(Mat bgr, PerceptionResult r) {
        for (GroundingAnswer g : r.groundings()) {
            if (g.box().isPresent()) {
                int[] rect = rect(g.box().get());
                try (Point a = new Point(rect[0] - 3, rect[1] - 3); Point b = new Point(rect[2] + 3, rect[3] + 3); Scalar c = scalar(WHITE)) {
                    rectangle(bgr, a, b, c, 2, LINE_8, 0);
                }
            }
        }
        StageTimings t = r.timings();
        int y = PAD;
        y += label(bgr, String.format(Locale.ROOT, "frame %d  %d objects  encode %.1f ms  total %.1f ms", r.frameIndex(),
            r.objects().size(), t.encodeNanos() / 1e6, t.totalNanos() / 1e6), PAD, y, BLACK) + 1;
        if (!r.description().isEmpty()) {
            y += label(bgr, r.description(), PAD, y, BLACK) + 1;
        }
        for (GroundingAnswer g : r.groundings()) {
            y += label(bgr, "\"" + g.expression() + "\" -> " + g.status()
                + (g.trackId().isPresent() ? " #" + g.trackId().getAsLong() : ""), PAD, y, BLACK) + 1;
        }
    }

    private static int[] rect(Box2D b) {
        int x0 = (int) Math.floor(b.xMin());
        int y0 = (int) Math.floor(b.yMin());
        return new int[] {x0, y0, Math.max(x0, (int) Math.ceil(b.xMax()) - 1), Math.max(y0, (int) Math.ceil(b.yMax()) - 1)};
    }

    private static int label(Mat bgr, String text, int x, int y, int[] background) {
        try (IntPointer baseline = new IntPointer(1); Size size = getTextSize(text, FONT_HERSHEY_SIMPLEX, FONT_SCALE, 1, baseline)) {
            int h = size.height() + baseline.get() + 2 * PAD;
            int w = size.width() + 2 * PAD;
            x = Math.max(0, Math.min(x, bgr.cols() - w));
            y = Math.max(0, Math.min(y, bgr.rows() - h));
            int[] fg = background[0] + background[1] + background[2] > 384 ? BLACK : WHITE;
            try (Point a = new Point(x, y); Point b = new Point(x + w - 1, y + h - 1); Scalar bg = scalar(background);
                 Point origin = new Point(x + PAD, y + PAD + size.height()); Scalar f = scalar(fg)) {
                rectangle(bgr, a, b, bg, FILLED, LINE_8, 0);
                putText(bgr, text, origin, FONT_HERSHEY_SIMPLEX, FONT_SCALE, f, 1, LINE_AA, false);
            }
            return h;
        }
    }

    private static Scalar scalar(int[] bgr) {
        return new Scalar(bgr[0], bgr[1], bgr[2], 0);
    }
}
