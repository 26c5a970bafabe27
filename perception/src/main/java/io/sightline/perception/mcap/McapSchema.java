package io.sightline.perception.mcap;

import java.util.Objects;

/**
 * An MCAP Schema record: how a channel's messages are encoded.
 *
 * @param id       1-based (0 means "no schema" in a Channel record)
 * @param name     e.g. the Protobuf message's full name ("foxglove.CompressedImage")
 * @param encoding e.g. "protobuf" (then {@code data} is a serialized FileDescriptorSet)
 * @param data     the schema itself
 */
public record McapSchema(int id, String name, String encoding, byte[] data) {
    public McapSchema {
        if (id < 1 || id > 0xFFFF) {
            throw new IllegalArgumentException("schema id must be 1-65535, got " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(data, "data");
    }
}
