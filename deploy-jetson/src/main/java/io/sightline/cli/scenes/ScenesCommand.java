package io.sightline.cli.scenes;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sightline scenes ...}: generate, look at and check recorded scenes. */
@Command(name = "scenes", mixinStandardHelpOptions = true,
    description = "Generate synthetic tabletop scenes, draw their annotations, and validate scene folders.",
    subcommands = {GenerateScenesCommand.class, ShowScenesCommand.class, ValidateScenesCommand.class})
public final class ScenesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: generate, show or validate");
    }
}
