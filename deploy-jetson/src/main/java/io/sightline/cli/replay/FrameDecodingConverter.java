package io.sightline.cli.replay;

import io.sightline.perception.source.FrameDecoding;
import picocli.CommandLine;

/** picocli converter for the {@code --decode full|model-size} options of replay, eval and bench pipeline. */
public final class FrameDecodingConverter implements CommandLine.ITypeConverter<FrameDecoding> {
    @Override
    public FrameDecoding convert(String value) {
        try {
            return FrameDecoding.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
