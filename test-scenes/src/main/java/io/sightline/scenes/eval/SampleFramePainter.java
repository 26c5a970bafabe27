package io.sightline.scenes.eval;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.sightline.perception.scene.AnnotationPainter;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.scene.Scene;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Draws one evaluated frame: the ground truth as {@link AnnotationPainter} draws it (object boxes in their
 * colours, expressions listed at the top, targets framed in white), the system's detections as thin magenta
 * boxes with their scores, and each grounding answer's box in cyan (correct) or red (wrong), tagged with the
 * expression's number.
 */
public final class SampleFramePainter {
    private static final double[] DETECTION = {255, 0, 255};
    private static final double[] RIGHT = {255, 255, 0};
    private static final double[] WRONG = {0, 0, 255};
    private final AnnotationPainter painter = new AnnotationPainter();

    public SampleFrame paint(Scene scene, GroundTruthFrame truth, Optional<FramePrediction> prediction,
                             List<ScoredExpression> expressions, String caption) {
        try (Mat image = scene.readImage(truth.annotation().index())) {
            painter.paint(image, truth.annotation());
            prediction.ifPresent(p -> p.boxes().forEach(b ->
                box(image, b.box(), DETECTION, 1, String.format(Locale.ROOT, "%.2f", b.score()))));
            // Answers that chose the same box share one frame and one tag ("<1,3 ok"), so tags never overlap.
            Map<Box2D, List<ScoredExpression>> byBox = new LinkedHashMap<>();
            for (ScoredExpression e : expressions) {
                e.prediction().flatMap(GroundingPrediction::box).ifPresent(b -> byBox.computeIfAbsent(b, k -> new ArrayList<>()).add(e));
            }
            byBox.forEach((b, answers) -> {
                boolean allRight = answers.stream().allMatch(ScoredExpression::correct);
                String tag = answers.stream().map(e -> number(truth, e) + (allRight || !e.correct() ? "" : " ok"))
                    .collect(Collectors.joining(",", "<", allRight ? " ok" : " wrong"));
                box(image, b, allRight ? RIGHT : WRONG, 2, tag);
            });
            return new SampleFrame(truth.key(), caption, FrameImages.encode(image, "png"));
        }
    }

    private static int number(GroundTruthFrame truth, ScoredExpression e) {
        return truth.annotation().expressions().indexOf(e.expression());
    }

    private static void box(Mat image, Box2D b, double[] bgr, int thickness, String text) {
        int x0 = (int) Math.floor(b.xMin());
        int y0 = (int) Math.floor(b.yMin());
        int x1 = Math.max(x0, (int) Math.ceil(b.xMax()) - 1);
        int y1 = Math.max(y0, (int) Math.ceil(b.yMax()) - 1);
        try (Point a = new Point(x0, y0); Point c = new Point(x1, y1); Scalar colour = new Scalar(bgr[0], bgr[1], bgr[2], 0);
             Point origin = new Point(x0 + 2, Math.min(image.rows() - 3, y1 - 3))) {
            rectangle(image, a, c, colour, thickness, LINE_8, 0);
            if (thickness > 1) {
                // Answers get a dark plate behind their tag so "wrong" stays readable on any object colour.
                try (Point p0 = new Point(x0, origin.y() - 11); Point p1 = new Point(x0 + 7 * text.length() + 4, origin.y() + 3);
                     Scalar black = new Scalar(0, 0, 0, 0)) {
                    rectangle(image, p0, p1, black, FILLED, LINE_8, 0);
                }
            }
            putText(image, text, origin, FONT_HERSHEY_SIMPLEX, 0.38, colour, 1, LINE_AA, false);
        }
    }
}
