package io.sightline.cli.calibrate;

import io.sightline.calibration.camera.CameraExtrinsics;
import io.sightline.calibration.camera.CameraInfo;
import io.sightline.calibration.camera.CameraInfoFile;
import io.sightline.calibration.camera.ExtrinsicsFile;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.calib.BoardPattern;
import io.sightline.calibration.camera.calib.ExtrinsicCalibration;
import io.sightline.calibration.camera.calib.ExtrinsicCalibrator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline calibrate extrinsics}: camera -> base_link from one image of a board at a known pose. */
@Command(name = "extrinsics", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Compute the camera -> base_link transform from a board on the table.",
    description = {
        "Computes the camera optical frame -> base_link transform (REP-103) from one image of a board lying "
            + "face up on the table at a known pose (OpenCV solvePnP) and writes the extrinsics YAML.",
        "Board frame: look at the board from above, turned so that its rows of COLS inner corners run left to right "
            + "and the square diagonally inside the top-left inner corner is black. The origin is that top-left inner "
            + "corner, x points right along the rows, y down the page, z into the table. --board-pose gives the "
            + "origin in base_link and the yaw of x from base_link x. Use a board with an odd + even corner count "
            + "(e.g. 9x6): otherwise both turnings look alike. A ChArUco board's frame is OpenCV's: origin at the outer "
            + "top-left corner of the board as OpenCV draws it, x along its COLS squares, z into the table."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:calibrated, file written", "1:board not found, bad camera file, or no pose", "2:usage error"})
public final class CalibrateExtrinsicsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--camera", required = true, paramLabel = "FILE",
        description = "camera_info YAML with the camera's intrinsics (e.g. from 'calibrate camera').")
    Path camera;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "Image of the board lying on the table.")
    Path image;

    @Option(names = "--pattern", required = true, paramLabel = "KIND:COLSxROWS", converter = BoardPatternConverter.class,
        description = "Board: chessboard:COLSxROWS counts inner corners (e.g. chessboard:9x6); "
            + "charuco:COLSxROWS[:DICT] counts squares (e.g. charuco:7x5, dictionary default DICT_4X4_50).")
    BoardPattern pattern;

    @Option(names = "--square", required = true, paramLabel = "METRES", description = "Side of one square in metres.")
    double square;

    @Option(names = "--board-pose", required = true, paramLabel = "X,Y,Z,YAW", converter = BoardPose.Converter.class,
        description = "Board origin in base_link (metres) and the yaw of its corner rows from base_link x (degrees), e.g. 0.6,0.1,0,90.")
    BoardPose boardPose;

    @Option(names = "--marker", paramLabel = "METRES",
        description = "ChArUco only: side of one marker in metres (default: 0.75 of --square).")
    Double marker;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Extrinsics YAML to write.")
    Path out;

    @Override
    public Integer call() {
        CalibrateOptions.requirePositiveSquare(spec, square);
        BoardPattern board = CalibrateOptions.withMarker(spec, pattern, square, marker);
        CameraInfo info = CameraInfoFile.read(camera);
        ExtrinsicCalibration result = new ExtrinsicCalibrator(info, board, square).fromImage(image, boardPose.boardToBase());
        RigidTransform t = result.cameraToBase();
        double[] rpy = t.rpy();
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "board %s found; RMS reprojection error %.3f px%n", board, result.rmsPx());
        w.printf(Locale.ROOT, "camera optical frame -> base_link: translation %.4f %.4f %.4f m, rpy %.3f %.3f %.3f deg%n",
            t.translation().x(), t.translation().y(), t.translation().z(),
            Math.toDegrees(rpy[0]), Math.toDegrees(rpy[1]), Math.toDegrees(rpy[2]));
        ExtrinsicsFile.write(out, new CameraExtrinsics(CameraExtrinsics.BASE_LINK, info.name() + "_optical_frame", t), List.of(
            String.format(Locale.ROOT, "sightline calibrate extrinsics: %s, board %s square %s m at %s,%s,%s yaw %s deg, RMS %.4f px",
                image.getFileName(), board, square, boardPose.x(), boardPose.y(), boardPose.z(), boardPose.yawDeg(), result.rmsPx())));
        w.println("wrote " + out);
        w.flush();
        return 0;
    }
}
