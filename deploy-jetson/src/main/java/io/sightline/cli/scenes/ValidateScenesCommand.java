package io.sightline.cli.scenes;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the validate command lands. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class ValidateScenesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("scenes validate is not implemented yet");
    }
}
