package io.sightline.perception.scene;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.OptionalInt;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws a frame's annotations onto its BGR image so that a person can check them: each object's box in
 * its own colour (thick when at least half visible, thin otherwise) with "#id colour shape vis%" (and
 * "cut" when the border truncates it), and the referring expressions as numbered phrases at the top
 * left with their targets framed in white and tagged with the phrase number.
 */
public final class AnnotationPainter {
    /** Colour of expression highlights: white, which no object colour uses at full strength. */
    static final int[] HIGHLIGHT = {255, 255, 255};
    private static final double FONT_SCALE = 0.42;
    private static final int PAD = 2;

    /** Draws every object and every expression. */
    public void paint(Mat bgr, FrameAnnotation frame) {
        paint(bgr, frame, OptionalInt.empty());
    }

    /**
     * Draws every object and either all expressions ({@code expression} empty) or only the one at that
     * index in the frame's list (a frame with fewer expressions says so in the banner).
     */
    public void paint(Mat bgr, FrameAnnotation frame, OptionalInt expression) {
        for (ObjectAnnotation o : frame.objects()) {
            drawObject(bgr, o);
        }
        List<String> banner = new ArrayList<>();
        banner.add(String.format(Locale.ROOT, "frame %d  t=%.3f s  %d objects", frame.index(), frame.timestampNs() / 1e9, frame.objects().size()));
        List<Integer> shown = new ArrayList<>();
        if (expression.isPresent()) {
            int n = expression.getAsInt();
            if (n >= 0 && n < frame.expressions().size()) {
                shown.add(n);
            } else {
                banner.add("[" + n + "] no such expression in this frame (it has " + frame.expressions().size() + ")");
            }
        } else {
            for (int i = 0; i < frame.expressions().size(); i++) {
                shown.add(i);
            }
        }
        // One frame per target, tagged with every phrase number that refers to it: "[2,5]".
        Map<Integer, List<Integer>> phrasesByTarget = new TreeMap<>();
        for (int i : shown) {
            ExpressionAnnotation e = frame.expressions().get(i);
            banner.add("[" + i + "] " + e.text() + " -> " + (e.targetId() == null ? "none" : "#" + e.targetId())
                + " (" + SceneEncoder.kindName(e.kind()) + (e.heldOut() ? ", held out" : "") + ")");
            if (e.targetId() != null) {
                phrasesByTarget.computeIfAbsent(e.targetId(), k -> new ArrayList<>()).add(i);
            }
        }
        for (ObjectAnnotation o : frame.objects()) {
            List<Integer> phrases = phrasesByTarget.get(o.id());
            if (phrases != null) {
                highlight(bgr, o, phrases.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
            }
        }
        int y = PAD;
        for (String line : banner) {
            y += label(bgr, line, PAD, y, new int[] {0, 0, 0}) + 1;
        }
    }

    /** One object's box and label. */
    public void drawObject(Mat bgr, ObjectAnnotation o) {
        int[] colour = LabelColours.bgr(o.colour());
        int thickness = o.visibility() >= 0.5 ? 2 : 1;
        int[] r = pixelRect(o.box());
        try (Point a = new Point(r[0], r[1]); Point b = new Point(r[2], r[3]); Scalar c = scalar(colour)) {
            rectangle(bgr, a, b, c, thickness, LINE_8, 0);
        }
        String text = String.format(Locale.ROOT, "#%d %s %s %d%%%s", o.id(), o.colour(), o.shape(),
            Math.round(o.visibility() * 100), o.truncated() ? " cut" : "");
        int height = textHeight(text);
        // Above the box when there is room, else inside its top edge.
        int top = r[1] - height >= 0 ? r[1] - height : r[1] + thickness;
        label(bgr, text, r[0], top, colour);
    }

    private void highlight(Mat bgr, ObjectAnnotation o, String tag) {
        int[] r = pixelRect(o.box());
        int m = 4;
        try (Point a = new Point(r[0] - m, r[1] - m); Point b = new Point(r[2] + m, r[3] + m); Scalar c = scalar(HIGHLIGHT)) {
            rectangle(bgr, a, b, c, 2, LINE_8, 0);
        }
        label(bgr, tag, r[0] - m, r[3] + m + 1, HIGHLIGHT);
    }

    /** Inclusive integer corners of a [xMin, xMax) x [yMin, yMax) box. */
    static int[] pixelRect(Box2D b) {
        int x0 = (int) Math.floor(b.xMin());
        int y0 = (int) Math.floor(b.yMin());
        int x1 = Math.max(x0, (int) Math.ceil(b.xMax()) - 1);
        int y1 = Math.max(y0, (int) Math.ceil(b.yMax()) - 1);
        return new int[] {x0, y0, x1, y1};
    }

    /** Draws text on a filled background whose top-left corner is (x, y); returns the height used. */
    private static int label(Mat bgr, String text, int x, int y, int[] background) {
        try (IntPointer baseline = new IntPointer(1);
             Size size = getTextSize(text, FONT_HERSHEY_SIMPLEX, FONT_SCALE, 1, baseline)) {
            int h = size.height() + baseline.get() + 2 * PAD;
            int w = size.width() + 2 * PAD;
            // Keep the label inside the image (objects cut by the border have their box at the edge).
            x = Math.max(0, Math.min(x, bgr.cols() - w));
            y = Math.max(0, Math.min(y, bgr.rows() - h));
            try (Point a = new Point(x, y); Point b = new Point(x + w - 1, y + h - 1); Scalar bg = scalar(background);
                 Point origin = new Point(x + PAD, y + PAD + size.height()); Scalar fg = scalar(LabelColours.textOn(background))) {
                rectangle(bgr, a, b, bg, FILLED, LINE_8, 0);
                putText(bgr, text, origin, FONT_HERSHEY_SIMPLEX, FONT_SCALE, fg, 1, LINE_AA, false);
            }
            return h;
        }
    }

    private static int textHeight(String text) {
        try (IntPointer baseline = new IntPointer(1);
             Size size = getTextSize(text, FONT_HERSHEY_SIMPLEX, FONT_SCALE, 1, baseline)) {
            return size.height() + baseline.get() + 2 * PAD;
        }
    }

    private static Scalar scalar(int[] bgr) {
        return new Scalar(bgr[0], bgr[1], bgr[2], 0);
    }
}
