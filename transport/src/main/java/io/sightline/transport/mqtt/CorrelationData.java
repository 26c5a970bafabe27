package io.sightline.transport.mqtt;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 5 correlation data (section 3.3.2.3.6): opaque bytes a requester sets and a responder echoes, so the
 * requester can match a response to its request (section 4.10). Immutable.
 */
public record CorrelationData(ByteString bytes) {
    public CorrelationData {
        java.util.Objects.requireNonNull(bytes, "bytes");
    }

    public static CorrelationData of(byte[] bytes) {
        return new CorrelationData(ByteString.copyFrom(bytes));
    }

    /** The UTF-8 bytes of {@code text} (Sightline's requesters use the request_id). */
    public static CorrelationData utf8(String text) {
        return new CorrelationData(ByteString.copyFrom(text, StandardCharsets.UTF_8));
    }

    public String toUtf8() {
        return bytes.toStringUtf8();
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
