package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calibration board.
 *
 * <p>{@code chessboard:COLSxROWS} counts the <em>inner</em> corners (OpenCV's {@code patternSize}), e.g.
 * {@code chessboard:9x6} for a board of 10 x 7 squares. Board frame (OpenCV's object-point convention):
 * origin at the first inner corner, x along a row of {@code cols} corners, y along the columns, z = x cross y,
 * which points <em>into</em> the board (a board lying face up on a table has its z axis pointing down). Corner
 * (i, j) is at (i s, j s, 0) for square size s, listed row by row. Squares are indexed (a, b) for a in
 * [0, cols], b in [0, rows]; square (a, b) spans x in [(a-1) s, a s] and y in [(b-1) s, b s] and is black when
 * a + b is even: the outer corner squares and the square inside corners 0, 1, cols, cols + 1 are black, as on
 * OpenCV's pattern.png. Put differently: seen from above, with the rows of {@code cols} corners running left to
 * right and the square diagonally inside the top-left inner corner black, the origin is that corner, x points
 * right, y down the page and z into the table.
 *
 * <p>{@code charuco:COLSxROWS[:DICTIONARY]} counts <em>squares</em> (OpenCV's {@code CharucoBoard} size),
 * e.g. {@code charuco:5x7} or {@code charuco:5x7:DICT_6X6_250} (default DICT_4X4_50); markers are
 * {@code markerRatio} of a square (default {@value #DEFAULT_MARKER_RATIO}). Its frame is OpenCV's: origin at
 * the board's outer top-left corner, inner corner id {@code j (cols-1) + i} at ((i+1) s, (j+1) s, 0), z into
 * the board. The markers fix the orientation, so a ChArUco pose is never ambiguous and partial views count.
 */
public record BoardPattern(Kind kind, int cols, int rows, String dictionary, double markerRatio) {
    public enum Kind { CHESSBOARD, CHARUCO }

    public static final String DEFAULT_DICTIONARY = "DICT_4X4_50";
    public static final double DEFAULT_MARKER_RATIO = 0.75;
    private static final String EXPECTED = "expected chessboard:COLSxROWS (inner corners) or charuco:COLSxROWS[:DICT_4X4_50]"
        + " (squares), 3 to 100 each, e.g. chessboard:9x6";
    private static final Pattern SPEC = Pattern.compile("([a-z]+):(\\d{1,4})x(\\d{1,4})(?::([a-z0-9_]+))?");

    public BoardPattern {
        if (kind == null) {
            throw new IllegalArgumentException("board kind must not be null");
        }
        if (cols < 3 || rows < 3 || cols > 100 || rows > 100) {
            throw new IllegalArgumentException("a board needs 3 to 100 corners/squares per side, got " + cols + "x" + rows);
        }
        if (kind == Kind.CHARUCO) {
            if (dictionary == null || !ArucoDictionaries.exists(dictionary)) {
                throw new IllegalArgumentException("unknown ArUco dictionary '" + dictionary + "'; known: " + ArucoDictionaries.names());
            }
            if (!(markerRatio > 0 && markerRatio < 1)) {
                throw new IllegalArgumentException("marker size must be between 0 and 1 square, got " + markerRatio);
            }
        } else {
            dictionary = null;
            markerRatio = 0;
        }
    }

    public static BoardPattern chessboard(int cols, int rows) {
        return new BoardPattern(Kind.CHESSBOARD, cols, rows, null, 0);
    }

    public static BoardPattern charuco(int squaresX, int squaresY, String dictionary, double markerRatio) {
        return new BoardPattern(Kind.CHARUCO, squaresX, squaresY, dictionary, markerRatio);
    }

    /**
     * Parses {@code chessboard:9x6} or {@code charuco:5x7[:DICT_6X6_250]}.
     *
     * @throws IllegalArgumentException with the offending text and the expected form
     */
    public static BoardPattern parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("bad board pattern '" + spec + "': " + EXPECTED);
        }
        int cols = Integer.parseInt(m.group(2));
        int rows = Integer.parseInt(m.group(3));
        if (cols < 3 || rows < 3 || cols > 100 || rows > 100) {
            throw new IllegalArgumentException("bad board pattern '" + spec + "': " + EXPECTED);
        }
        switch (m.group(1)) {
            case "chessboard" -> {
                if (m.group(4) != null) {
                    throw new IllegalArgumentException("bad board pattern '" + spec + "': a chessboard has no dictionary; " + EXPECTED);
                }
                return chessboard(cols, rows);
            }
            case "charuco" -> {
                String dict = m.group(4) == null ? DEFAULT_DICTIONARY : ArucoDictionaries.canonical(m.group(4));
                if (dict == null) {
                    throw new IllegalArgumentException("bad board pattern '" + spec + "': unknown ArUco dictionary '" + m.group(4)
                        + "'; known: " + ArucoDictionaries.names());
                }
                return charuco(cols, rows, dict, DEFAULT_MARKER_RATIO);
            }
            default -> throw new IllegalArgumentException("unsupported board kind '" + m.group(1) + "' in '" + spec + "': " + EXPECTED);
        }
    }

    /** This ChArUco board with markers of {@code markerLength} on squares of {@code squareLength}. */
    public BoardPattern withMarkerLength(double squareLength, double markerLength) {
        if (kind != Kind.CHARUCO) {
            throw new IllegalArgumentException("only a ChArUco board has markers, not " + this);
        }
        return charuco(cols, rows, dictionary, markerLength / squareLength);
    }

    /** Inner corners per row. */
    public int innerCols() {
        return kind == Kind.CHESSBOARD ? cols : cols - 1;
    }

    /** Inner corners per column. */
    public int innerRows() {
        return kind == Kind.CHESSBOARD ? rows : rows - 1;
    }

    public int cornerCount() {
        return innerCols() * innerRows();
    }

    /** Corners that must be seen for a view to count: all of a chessboard, six of a ChArUco board. */
    public int minCornersPerView() {
        return kind == Kind.CHESSBOARD ? cornerCount() : 6;
    }

    /** The inner corners in the board frame, indexed by corner id (row by row). */
    public List<Vec3> corners(double squareSize) {
        if (!(squareSize > 0) || !Double.isFinite(squareSize)) {
            throw new IllegalArgumentException("square size must be a positive length in metres, got " + squareSize);
        }
        int offset = kind == Kind.CHESSBOARD ? 0 : 1;
        List<Vec3> out = new ArrayList<>(cornerCount());
        for (int j = 0; j < innerRows(); j++) {
            for (int i = 0; i < innerCols(); i++) {
                out.add(new Vec3((i + offset) * squareSize, (j + offset) * squareSize, 0));
            }
        }
        return out;
    }

    /** Colour of chessboard square (a, b), a in [0, cols], b in [0, rows] (see the class comment). */
    public boolean isBlackSquare(int a, int b) {
        if (kind != Kind.CHESSBOARD) {
            throw new IllegalStateException("square colours are defined here for chessboards only, not " + this);
        }
        if (a < 0 || a > cols || b < 0 || b > rows) {
            throw new IndexOutOfBoundsException("square (" + a + ", " + b + ") outside a board of " + (cols + 1) + "x" + (rows + 1) + " squares");
        }
        return (a + b) % 2 == 0;
    }

    /**
     * Whether turning the board by 180 degrees maps it onto itself. Then the corner order a detector returns
     * cannot tell the two orientations apart and a board pose is ambiguous; chessboard 9x6 and every ChArUco
     * board are not.
     */
    public boolean isPointSymmetric() {
        return kind == Kind.CHESSBOARD && (cols + rows) % 2 == 0;
    }

    @Override
    public String toString() {
        String base = kind.name().toLowerCase(Locale.ROOT) + ":" + cols + "x" + rows;
        return kind == Kind.CHARUCO ? base + ":" + dictionary : base;
    }
}
