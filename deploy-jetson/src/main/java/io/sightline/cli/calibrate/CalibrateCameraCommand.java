package io.sightline.cli.calibrate;

import io.sightline.calibration.camera.CameraInfoFile;
import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.calib.BoardPattern;
import io.sightline.calibration.camera.calib.ImageResidual;
import io.sightline.calibration.camera.calib.IntrinsicCalibration;
import io.sightline.calibration.camera.calib.IntrinsicCalibrator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline calibrate camera}: intrinsics + distortion from board images, as ROS camera_info YAML. */
@Command(name = "camera", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Calibrate intrinsics and distortion from chessboard or ChArUco images.",
    description = {
        "Calibrates the camera's intrinsics and plumb_bob distortion from images of a chessboard (OpenCV "
            + "findChessboardCorners + cornerSubPix) or a ChArUco board (objdetect CharucoDetector), then "
            + "calibrateCamera, and writes ROS camera_info YAML.",
        "Prints the RMS reprojection error, the error of each image, and the images where no board was found "
            + "(those are skipped, not fatal). Aim for 10-20 views covering the whole image at several tilts; "
            + "an RMS under ~0.5 px is good."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:calibrated, file written", "1:calibration failed (e.g. board found in fewer than 3 images)", "2:usage error"})
public final class CalibrateCameraCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR",
        description = "Folder of calibration images (png, jpg, bmp, tif), all the same size.")
    Path images;

    @Option(names = "--pattern", required = true, paramLabel = "KIND:COLSxROWS", converter = BoardPatternConverter.class,
        description = "Board: chessboard:COLSxROWS counts inner corners (chessboard:9x6 is a board of 10 x 7 squares); "
            + "charuco:COLSxROWS[:DICT] counts squares (e.g. charuco:7x5, dictionary default DICT_4X4_50).")
    BoardPattern pattern;

    @Option(names = "--square", required = true, paramLabel = "METRES",
        description = "Side of one square in metres, e.g. 0.025.")
    double square;

    @Option(names = "--marker", paramLabel = "METRES",
        description = "ChArUco only: side of one marker in metres (default: 0.75 of --square).")
    Double marker;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "camera_info YAML to write.")
    Path out;

    @Option(names = "--name", defaultValue = "camera", paramLabel = "NAME",
        description = "camera_name written to the file (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        CalibrateOptions.requirePositiveSquare(spec, square);
        BoardPattern board = CalibrateOptions.withMarker(spec, pattern, square, marker);
        IntrinsicCalibration result = new IntrinsicCalibrator(board, square).calibrate(IntrinsicCalibrator.imagesIn(images));
        PrintWriter w = spec.commandLine().getOut();
        CameraIntrinsics k = result.intrinsics();
        Distortion d = result.distortion();
        w.printf(Locale.ROOT, "board %s found in %d image(s)%n", board, result.perImage().size());
        for (ImageResidual r : result.perImage()) {
            w.printf(Locale.ROOT, "  %-32s %.3f px%n", r.image(), r.rmsPx());
        }
        List<String> missing = result.boardNotFound();
        w.printf(Locale.ROOT, "board not found in %d image(s)%s%n", missing.size(), missing.isEmpty() ? "" : ": " + String.join(", ", missing));
        w.printf(Locale.ROOT, "RMS reprojection error %.3f px%n", result.rmsPx());
        w.printf(Locale.ROOT, "fx %.3f  fy %.3f  cx %.3f  cy %.3f  (%dx%d)%n", k.fx(), k.fy(), k.cx(), k.cy(), k.width(), k.height());
        w.printf(Locale.ROOT, "k1 %.6f  k2 %.6f  p1 %.6f  p2 %.6f  k3 %.6f%n", d.k1(), d.k2(), d.p1(), d.p2(), d.k3());
        CameraInfoFile.write(out, result.cameraInfo(name), List.of(
            String.format(Locale.ROOT, "sightline calibrate camera: %s, square %s m, %d image(s), RMS reprojection error %.4f px",
                board, square, result.perImage().size(), result.rmsPx())));
        w.println("wrote " + out);
        w.flush();
        return 0;
    }
}
