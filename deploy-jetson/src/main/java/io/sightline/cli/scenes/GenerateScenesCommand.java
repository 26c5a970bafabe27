package io.sightline.cli.scenes;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the generate command lands. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class GenerateScenesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("scenes generate is not implemented yet");
    }
}
