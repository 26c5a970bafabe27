package io.sightline.perception.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.sightline.calibration.camera.Vec3;
import java.util.List;
import java.util.OptionalInt;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class AnnotationPainterTest {
    private static final int W = 320;
    private static final int H = 240;

    private static ObjectAnnotation object(int id, String colour, Box2D box, double visibility) {
        return new ObjectAnnotation(id, "cup", colour, box, new Vec3(0.5, 0, 0), 0, new Vec3(0.1, 0.1, 0.1), visibility, false);
    }

    private static FrameAnnotation frame(List<ExpressionAnnotation> expressions) {
        return new FrameAnnotation(0, "frames/000000.png", 0, null, List.of(
            object(1, "red", new Box2D(100, 120, 160, 200), 1.0),
            object(2, "green", new Box2D(200, 120, 260, 200), 0.3)), expressions);
    }

    private static Mat grey() {
        Mat m = new Mat(H, W, CV_8UC3);
        try (Scalar s = new Scalar(90, 90, 90, 0)) {
            m.put(s);
        }
        return m;
    }

    private static int[] px(UByteIndexer i, int x, int y) {
        return new int[] {i.get(y, x, 0), i.get(y, x, 1), i.get(y, x, 2)};
    }

    @Test
    void drawsEachBoxInItsObjectsColourAndLeavesTheInsideAlone() {
        try (Mat m = grey()) {
            new AnnotationPainter().paint(m, frame(List.of()));
            try (UByteIndexer i = m.createIndexer()) {
                assertThat(px(i, 130, 199)).containsExactly(LabelColours.bgr("red"));   // bottom edge, inclusive corner 199
                assertThat(px(i, 159, 170)).containsExactly(LabelColours.bgr("red"));   // right edge
                assertThat(px(i, 130, 170)).containsExactly(90, 90, 90);                // inside
                assertThat(px(i, 230, 199)).containsExactly(LabelColours.bgr("green"));
                assertThat(px(i, 230, 198)).as("a low-visibility box is drawn thin").containsExactly(90, 90, 90);
                assertThat(px(i, 130, 198)).as("a visible box is drawn 2 px").containsExactly(LabelColours.bgr("red"));
                assertThat(px(i, 150, 110)).as("label above the box").isNotEqualTo(new int[] {90, 90, 90});
            }
        }
    }

    @Test
    void highlightsOnlyTheSelectedExpressionsTarget() {
        List<ExpressionAnnotation> expressions = List.of(
            new ExpressionAnnotation("the red cup", ExpressionKind.ATTRIBUTE, 1, false),
            new ExpressionAnnotation("the green cup", ExpressionKind.ATTRIBUTE, 2, false));
        try (Mat all = grey(); Mat second = grey(); Mat missing = grey()) {
            AnnotationPainter painter = new AnnotationPainter();
            painter.paint(all, frame(expressions));
            painter.paint(second, frame(expressions), OptionalInt.of(1));
            painter.paint(missing, frame(expressions), OptionalInt.of(5));
            int[] white = AnnotationPainter.HIGHLIGHT;
            try (UByteIndexer a = all.createIndexer(); UByteIndexer s = second.createIndexer(); UByteIndexer n = missing.createIndexer()) {
                // the highlight frame sits 4 px outside the box's right edge
                assertThat(px(a, 163, 170)).containsExactly(white);
                assertThat(px(a, 263, 170)).containsExactly(white);
                assertThat(px(s, 163, 170)).containsExactly(90, 90, 90);
                assertThat(px(s, 263, 170)).containsExactly(white);
                assertThat(px(n, 163, 170)).containsExactly(90, 90, 90);
                assertThat(px(n, 263, 170)).containsExactly(90, 90, 90);
            }
        }
    }

    @Test
    void aTargetOfSeveralPhrasesIsFramedOnceAndTaggedWithAllOfThem() {
        List<ExpressionAnnotation> expressions = List.of(
            new ExpressionAnnotation("the red cup", ExpressionKind.ATTRIBUTE, 1, false),
            new ExpressionAnnotation("the cup left of the green cup", ExpressionKind.RELATIONAL, 1, false));
        try (Mat m = grey()) {
            new AnnotationPainter().paint(m, frame(expressions));
            try (UByteIndexer i = m.createIndexer()) {
                assertThat(px(i, 163, 170)).containsExactly(AnnotationPainter.HIGHLIGHT);
                assertThat(px(i, 263, 170)).containsExactly(90, 90, 90);
                // the tag "[0,1]" starts at x = 96 just under the frame; a single "[1]" would end before x = 122
                assertThat(px(i, 125, 204)).containsExactly(AnnotationPainter.HIGHLIGHT);
            }
        }
    }

    @Test
    void labelsNearTheRightBorderStayInsideTheImage() {
        FrameAnnotation f = new FrameAnnotation(0, "frames/000000.png", 0, null,
            List.of(object(9, "blue", new Box2D(300, 120, 320, 200), 1.0)), List.of());
        try (Mat m = grey()) {
            new AnnotationPainter().paint(m, f);
            try (UByteIndexer i = m.createIndexer()) {
                assertThat(px(i, 250, 110)).as("label shifted left of the box").containsExactly(LabelColours.bgr("blue"));
            }
        }
    }

    @Test
    void pixelRectCoversTheHalfOpenBox() {
        assertThat(AnnotationPainter.pixelRect(new Box2D(10.5, 20, 30, 40.2))).containsExactly(10, 20, 29, 40);
    }
}
