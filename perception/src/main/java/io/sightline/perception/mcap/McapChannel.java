package io.sightline.perception.mcap;

import java.util.Map;
import java.util.Objects;

/**
 * An MCAP Channel record: one stream of messages (for Sightline, one MQTT topic or the camera's frames).
 *
 * @param id              channel id
 * @param schemaId        its {@link McapSchema}, 0 for none
 * @param topic           the topic
 * @param messageEncoding e.g. "protobuf"
 * @param metadata        free key-value pairs
 */
public record McapChannel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
    public McapChannel {
        if (id < 0 || id > 0xFFFF || schemaId < 0 || schemaId > 0xFFFF) {
            throw new IllegalArgumentException("channel and schema ids are u16, got " + id + " and " + schemaId);
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(messageEncoding, "messageEncoding");
        metadata = Map.copyOf(metadata);
    }
}
