package io.sightline.cli.pack;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sightline pack ...}: model pack tools. */
@Command(name = "pack", mixinStandardHelpOptions = true,
    description = "Model pack tools: verify a pack the way the service does before it starts; import a pretrained detector.",
    subcommands = {VerifyPackCommand.class, ImportPackCommand.class})
public final class PackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: verify | import");
    }
}
