package io.sightline.cli.calibrate;

import io.sightline.calibration.camera.calib.BoardPattern;
import picocli.CommandLine;

/** Checks shared by the calibrate subcommands that picocli's types cannot express. */
final class CalibrateOptions {
    private CalibrateOptions() {}

    static void requirePositiveSquare(CommandLine.Model.CommandSpec spec, double square) {
        if (!(square > 0) || !Double.isFinite(square) || square > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--square must be the side of one square in metres (0 < square <= 1), got " + square);
        }
    }

    /** The board with its marker size applied; --marker is a usage error for a chessboard or when not smaller than a square. */
    static BoardPattern withMarker(CommandLine.Model.CommandSpec spec, BoardPattern pattern, double square, Double marker) {
        if (marker == null) {
            return pattern;
        }
        if (pattern.kind() != BoardPattern.Kind.CHARUCO) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--marker applies to ChArUco boards only, not " + pattern);
        }
        if (!(marker > 0) || !(marker < square)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--marker must be a length in metres smaller than --square (" + square + "), got " + marker);
        }
        return pattern.withMarkerLength(square, marker);
    }
}
