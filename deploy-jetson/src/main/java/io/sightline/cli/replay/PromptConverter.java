package io.sightline.cli.replay;

import io.sightline.perception.language.Prompt;
import picocli.CommandLine;

/** picocli converter for a prompt typed as task words ({@code "ground the red cup"}, {@code "detect"}, {@code "describe"}). */
public final class PromptConverter implements CommandLine.ITypeConverter<Prompt> {
    @Override
    public Prompt convert(String value) {
        try {
            return Prompt.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
