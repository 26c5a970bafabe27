package io.sightline.calibration.camera.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.calibration.camera.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoardPatternTest {
    @Test
    void parsesInnerCornerCounts() {
        BoardPattern p = BoardPattern.parse("chessboard:9x6");
        assertThat(p).isEqualTo(BoardPattern.chessboard(9, 6));
        assertThat(p.cornerCount()).isEqualTo(54);
        assertThat(p.toString()).isEqualTo("chessboard:9x6");
        assertThat(BoardPattern.parse(" Chessboard:7X5 ")).isEqualTo(BoardPattern.chessboard(7, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "chessboard", "chessboard:9", "chessboard:9x", "chessboard:x6", "chessboard:9x6x2",
        "chessboard:-9x6", "chessboard:2x6", "chessboard:9x999", "aruco:9x6", "9x6", "chessboard:99999999999x6",
        "chessboard:9x6:DICT_4X4_50", "charuco:5x7:DICT_9X9_1", "charuco:5x7:"})
    void rejectsBadSpecsNamingThem(String spec) {
        assertThatThrownBy(() -> BoardPattern.parse(spec)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + spec);
    }

    @Test
    void parsesCharucoBoardsBySquaresWithADictionary() {
        BoardPattern p = BoardPattern.parse("charuco:5x7");
        assertThat(p.kind()).isEqualTo(BoardPattern.Kind.CHARUCO);
        assertThat(p.dictionary()).isEqualTo("DICT_4X4_50");
        assertThat(p.cornerCount()).isEqualTo(24);
        assertThat(p.isPointSymmetric()).isFalse();
        assertThat(BoardPattern.parse("charuco:5x7:dict_6x6_250").dictionary()).isEqualTo("DICT_6X6_250");
        assertThat(BoardPattern.parse("charuco:5x7:apriltag_36h11").dictionary()).isEqualTo("DICT_APRILTAG_36h11");
        assertThat(p.toString()).isEqualTo("charuco:5x7:DICT_4X4_50");
        assertThat(p.withMarkerLength(0.04, 0.03).markerRatio()).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-12));
        // ChArUco corners start one square in from the board's outer corner.
        assertThat(p.corners(0.04).get(0)).isEqualTo(new Vec3(0.04, 0.04, 0));
        assertThat(p.corners(0.04).get(4)).isEqualTo(new Vec3(0.04, 0.08, 0));
        // 25 x 25 squares need 312 markers; DICT_4X4_50 has 50.
        assertThatThrownBy(() -> new CharucoBoardDetector(BoardPattern.parse("charuco:25x25")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("312 markers");
    }

    @Test
    void cornersAreRowByRowInTheBoardFrame() {
        var corners = BoardPattern.chessboard(9, 6).corners(0.025);
        assertThat(corners).hasSize(54);
        assertThat(corners.get(0)).isEqualTo(Vec3.ZERO);
        assertThat(corners.get(1).x()).isEqualTo(0.025);
        assertThat(corners.get(9)).isEqualTo(new Vec3(0, 0.025, 0));
        assertThat(corners.get(53).x()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
        assertThatThrownBy(() -> BoardPattern.chessboard(9, 6).corners(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void squareColoursAndSymmetry() {
        BoardPattern p = BoardPattern.chessboard(9, 6);
        assertThat(p.isBlackSquare(0, 0)).isTrue();
        assertThat(p.isBlackSquare(1, 1)).isTrue();
        assertThat(p.isBlackSquare(2, 1)).isFalse();
        // Turned by 180 degrees, square (1, 1) lands on (8, 5), which is white on a 9x6 board.
        assertThat(p.isBlackSquare(8, 5)).isFalse();
        assertThat(p.isPointSymmetric()).isFalse();
        assertThat(BoardPattern.chessboard(9, 7).isPointSymmetric()).isTrue();
    }
}
