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
    subcommands = {ScenesCommand.class, io.sightline.cli.calibrate.CalibrateCommand.class, io.sightline.cli.bench.BenchCommand.class, io.sightline.cli.mqtt.WatchCommand.class, io.sightline.cli.mqtt.GroundCommand.class, io.sightline.cli.replay.ReplayCommand.class, io.sightline.cli.eval.EvalCommand.class, io.sightline.cli.run.RunCommand.class, io.sightline.cli.pack.PackCommand.class, io.sightline.cli.detect.DetectCommand.class, CommandLine.HelpCommand.class})
public final class SightlineCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        System.exit(commandLine().execute(args));
    }
}
