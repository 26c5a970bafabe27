package io.sightline.perception.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.scene.Box2D;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** Named colours of pixels, and of an object's pixels under a coloured light. */
class ColourProfileTest {
    @Test
    void pixelsGetTheirNames() {
        assertThat(NamedColour.ofBgr(30, 30, 220)).isEqualTo(NamedColour.RED);
        assertThat(NamedColour.ofBgr(0, 140, 255)).isEqualTo(NamedColour.ORANGE);
        assertThat(NamedColour.ofBgr(30, 220, 230)).isEqualTo(NamedColour.YELLOW);
        assertThat(NamedColour.ofBgr(40, 180, 40)).isEqualTo(NamedColour.GREEN);
        assertThat(NamedColour.ofBgr(200, 80, 20)).isEqualTo(NamedColour.BLUE);
        assertThat(NamedColour.ofBgr(160, 40, 120)).isEqualTo(NamedColour.PURPLE);
        assertThat(NamedColour.ofBgr(40, 70, 110)).isEqualTo(NamedColour.BROWN);
        assertThat(NamedColour.ofBgr(10, 12, 14)).isEqualTo(NamedColour.BLACK);
        assertThat(NamedColour.ofBgr(240, 240, 238)).isEqualTo(NamedColour.WHITE);
        assertThat(NamedColour.ofBgr(120, 122, 125)).isEqualTo(NamedColour.GREY);
        assertThat(NamedColour.ofBgr(200, 170, 255)).isEqualTo(NamedColour.PINK);
    }

    @Test
    void theObjectsOwnPixelsDecideNotTheBackground() {
        try (Mat frame = new Mat(200, 300, opencv_core.CV_8UC3, new Scalar(40, 160, 40, 0))) {
            opencv_imgproc.rectangle(frame, new Point(100, 50), new Point(199, 149), new Scalar(200, 80, 20, 0), -1, 8, 0);
            ColourProfile p = ColourProfile.measure(frame, new Box2D(90, 40, 210, 160), ColourProfile.greyWorldGains(frame));
            assertThat(p.dominant()).isEqualTo(NamedColour.BLUE);
            assertThat(p.share(NamedColour.BLUE)).isGreaterThan(0.9);
        }
    }

    @Test
    void aWarmLightDoesNotTurnAWhiteObjectOrange() {
        // a white box on a grey wall, all seen through an orange cast (blue x0.7, red x1.0, green x0.85)
        try (Mat frame = new Mat(200, 300, opencv_core.CV_8UC3, new Scalar(128 * 0.7, 128 * 0.85, 128, 0))) {
            opencv_imgproc.rectangle(frame, new Point(100, 50), new Point(199, 149), new Scalar(235 * 0.7, 235 * 0.85, 235, 0), -1, 8, 0);
            Box2D box = new Box2D(100, 50, 200, 150);
            ColourProfile raw = ColourProfile.measure(frame, box, new double[] {1, 1, 1});
            ColourProfile corrected = ColourProfile.measure(frame, box, ColourProfile.greyWorldGains(frame));
            assertThat(raw.dominant()).isNotEqualTo(NamedColour.WHITE);
            assertThat(corrected.dominant()).isEqualTo(NamedColour.WHITE);
        }
    }
}
