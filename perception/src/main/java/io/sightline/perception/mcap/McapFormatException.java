package io.sightline.perception.mcap;

/** An MCAP file that breaks the spec where it is not merely cut short: names the file, the offset and what is wrong. */
public final class McapFormatException extends RuntimeException {
    public McapFormatException(String message) {
        super(message);
    }
}
