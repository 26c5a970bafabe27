package io.sightline.transport.mqtt;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.sightline.transport.schema.WireSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a received payload back into its sightline.v1 message: by the MQTT 5 content type
 * ({@code ...; type=sightline.v1.X}) when the publisher set one, else by the topic's channel.
 */
public final class PayloadDecoder {
    private static final String TYPE_PARAM = "type=";
    private final Map<String, Descriptor> byName = new HashMap<>();
    private final JsonFormat.Printer json = JsonFormat.printer().omittingInsignificantWhitespace();

    public PayloadDecoder() {
        WireSchema.messages().forEach(d -> byName.put(d.getFullName(), d));
    }

    /** The message type of a payload, if the content type or the topic tells it. */
    public Optional<Descriptor> typeOf(String topic, Optional<String> contentType) {
        return contentType.flatMap(this::typeNamed).or(() -> typeOfTopic(topic));
    }

    private Optional<Descriptor> typeNamed(String contentType) {
        int i = contentType.indexOf(TYPE_PARAM);
        return i < 0 ? Optional.empty() : Optional.ofNullable(byName.get(contentType.substring(i + TYPE_PARAM.length()).trim()));
    }

    private static Optional<Descriptor> typeOfTopic(String topic) {
        return Topics.channelOf(topic).map(Channel::payload);
    }

    public Message decode(Descriptor type, ByteString payload) throws InvalidProtocolBufferException {
        return DynamicMessage.parseFrom(type, payload);
    }

    /** One line of JSON (protobuf's canonical JSON mapping). */
    public String toJson(Message message) {
        try {
            return json.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName() + " as JSON", e);
        }
    }
}
