package io.sightline.cli.calibrate;

import io.sightline.calibration.camera.calib.BoardPattern;
import picocli.CommandLine;

/** {@code --pattern chessboard:9x6}; a bad value is a usage error (exit 2). */
final class BoardPatternConverter implements CommandLine.ITypeConverter<BoardPattern> {
    @Override
    public BoardPattern convert(String value) {
        try {
            return BoardPattern.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
