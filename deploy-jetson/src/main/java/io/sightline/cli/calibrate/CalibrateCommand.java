package io.sightline.cli.calibrate;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sightline calibrate ...}: tie the camera (and, later, the INT8 model) to the real robot. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Calibrate the camera: intrinsics from chessboard or ChArUco images, extrinsics camera -> base_link from a board on the table.",
    subcommands = {CalibrateCameraCommand.class, CalibrateExtrinsicsCommand.class, CalibrateInt8Command.class})
public final class CalibrateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "missing subcommand: " + String.join(", ", spec.subcommands().keySet()));
    }
}
