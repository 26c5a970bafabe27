package io.sightline.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sightline bench ...}: measurements that print a baseline and a ratio from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints its baseline and the ratios from the same run.",
    subcommands = {RuntimeBenchCommand.class, MqttBenchCommand.class, FloodBenchCommand.class, io.sightline.cli.replay.PipelineBenchCommand.class,
        DecodeBenchCommand.class, RecordBenchCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: runtime, mqtt, flood, pipeline, decode or record");
    }
}
