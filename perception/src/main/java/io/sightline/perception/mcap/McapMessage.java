package io.sightline.perception.mcap;

import java.util.Objects;

/**
 * An MCAP Message record.
 *
 * @param channelId   its channel
 * @param sequence    per-channel sequence number
 * @param logTime     when it was recorded, nanoseconds since the epoch
 * @param publishTime when it was published, nanoseconds since the epoch
 * @param data        the encoded message
 */
public record McapMessage(int channelId, long sequence, long logTime, long publishTime, byte[] data) {
    public McapMessage {
        Objects.requireNonNull(data, "data");
    }
}
