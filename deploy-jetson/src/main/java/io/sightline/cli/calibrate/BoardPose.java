package io.sightline.cli.calibrate;

import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.calibration.camera.calib.BoardPlacement;
import picocli.CommandLine;

/**
 * {@code --board-pose x,y,z,yaw}: where the board's first inner corner lies in base_link (metres) and
 * the angle of its corner rows from base_link x (degrees, counter-clockwise seen from above).
 */
record BoardPose(double x, double y, double z, double yawDeg) {
    RigidTransform boardToBase() {
        return BoardPlacement.onTable(new Vec3(x, y, z), Math.toRadians(yawDeg));
    }

    static final class Converter implements CommandLine.ITypeConverter<BoardPose> {
        @Override
        public BoardPose convert(String value) {
            String[] parts = value.split(",", -1);
            if (parts.length != 4) {
                throw new CommandLine.TypeConversionException(
                    "bad board pose '" + value + "': expected x,y,z,yaw (metres in base_link, yaw in degrees), e.g. 0.6,0.1,0,90");
            }
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException(
                        "bad board pose '" + value + "': '" + parts[i].trim() + "' is not a number");
                }
                if (!Double.isFinite(v[i])) {
                    throw new CommandLine.TypeConversionException("bad board pose '" + value + "': values must be finite");
                }
            }
            return new BoardPose(v[0], v[1], v[2], v[3]);
        }
    }
}
