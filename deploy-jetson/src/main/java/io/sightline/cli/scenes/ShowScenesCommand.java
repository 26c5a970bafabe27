package io.sightline.cli.scenes;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the show command lands. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class ShowScenesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("scenes show is not implemented yet");
    }
}
