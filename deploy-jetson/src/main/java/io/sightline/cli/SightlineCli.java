package io.sightline.cli;

import io.sightline.cli.scenes.ScenesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code bin/sightline <subcommand>}. Exit codes: 0 ok, 1 runtime error,
 * 2 usage error (picocli's defaults); subcommands document any others they add.
 */
@Command(
    name = "sightline",
    mixinStandardHelpOptions = true,
    versionProvider = SightlineVersion.class,
    description = "On-robot perception: a compact vision-language model on TensorRT / ONNX Runtime, results over MQTT.",
    subcommands = {ScenesCommand.class, io.sightline.cli.calibrate.CalibrateCommand.class, io.sightline.cli.bench.BenchCommand.class, io.sightline.cli.mqtt.WatchCommand.class, io.sightline.cli.mqtt.GroundCommand.class, io.sightline.cli.mqtt.AskCommand.class, io.sightline.cli.replay.ReplayCommand.class, io.sightline.cli.eval.EvalCommand.class, io.sightline.cli.run.RunCommand.class, io.sightline.cli.pack.PackCommand.class, io.sightline.cli.detect.DetectCommand.class, io.sightline.cli.doctor.DoctorCommand.class, CommandLine.HelpCommand.class})
public final class SightlineCli implements Runnable {
    /** Sightline's loggers at DEBUG and the libraries' at INFO (read in {@link #main} before logging starts). */
    static final String VERBOSE = "--verbose";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = VERBOSE, scope = CommandLine.ScopeType.INHERIT,
        description = "more log lines on stderr: Sightline's at DEBUG, the libraries' (embedded broker, DJL, Jetty) at INFO")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SightlineCli());
        cl.setExecutionExceptionHandler(new ErrorReporter());
        return cl;
    }

    public static void main(String[] args) {
        if (verboseRequested(args)) {
            // logback reads these when the first logger is made, which happens while the commands are built
            System.setProperty("sightline.log.level", "DEBUG");
            System.setProperty("sightline.lib.log.level", "INFO");
            System.setProperty("sightline.cuda.probe.log.level", "WARN");
        }
        System.exit(commandLine().execute(args));
    }

    /** Whether {@code --verbose} is among the options (before a {@code --} that ends them). */
    static boolean verboseRequested(String[] args) {
        for (String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            if (VERBOSE.equals(a)) {
                return true;
            }
        }
        return false;
    }
}
