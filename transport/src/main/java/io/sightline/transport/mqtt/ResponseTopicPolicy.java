package io.sightline.transport.mqtt;

import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;

/**
 * Where a grounding result may go. The response topic a request names is used only when it is a topic name (no
 * wildcard nor control character, at most {@link #MAX_TOPIC_CHARS} characters) below the robot's own root {@code sightline/v1/{robot_id}/}
 * or below one of the configured prefixes ({@code mqtt.response_topic_prefixes}), and not a topic Sightline
 * publishes or serves on for any robot (status, health, detections/, scene/, events/, ground/request). Anything else
 * is refused: the answer is an ERROR on {@code ground/result}, so no requester can make the service publish on
 * another system's topic or into a status stream.
 */
final class ResponseTopicPolicy {
    static final int MAX_TOPIC_CHARS = 256;
    private static final int SHOWN_CHARS = 64;

    /**
     * Where to answer: the topic and the client it stands for (for rate limits and the cache), and why the requested
     * topic was refused, if it was.
     */
    record Route(String topic, String client, Optional<String> refusal) {
    }

    private final Topics topics;
    private final List<String> prefixes;

    /** @param prefixes extra allowed prefixes, each a topic name prefix without wildcards (checked by MqttConfig) */
    ResponseTopicPolicy(Topics topics, List<String> prefixes) {
        this.topics = topics;
        this.prefixes = prefixes.stream().map(p -> p.endsWith("/") ? p : p + "/").toList();
    }

    Route route(Optional<String> requested) {
        String fallback = topics.groundResult();
        if (requested.isEmpty() || requested.get().isEmpty()) {
            return new Route(fallback, fallback, Optional.empty());
        }
        String t = requested.get();
        return refusal(t).map(why -> new Route(fallback, fallback, Optional.of(why)))
                .orElseGet(() -> new Route(t, t, Optional.empty()));
    }

    private static boolean isTopicName(String t) {
        if (t.chars().anyMatch(Character::isISOControl)) {
            return false; // Paho lets U+0000 through; MQTT 5.0 section 1.5.4 forbids it, and the others help no one
        }
        try {
            MqttTopicValidator.validate(t, false, true);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<String> refusal(String t) {
        if (t.length() > MAX_TOPIC_CHARS) {
            return Optional.of("response topic of " + t.length() + " characters is longer than " + MAX_TOPIC_CHARS);
        }
        String shown = "response topic '" + ClientText.safe(t, SHOWN_CHARS) + "'";
        if (!isTopicName(t)) {
            return Optional.of(shown + " is not a topic name (no wildcards '+' '#', no control characters)");
        }
        Optional<Channel> channel = Topics.channelOf(t);
        if (channel.isPresent() && channel.get() != Channel.GROUND_RESULT) {
            return Optional.of(shown + " is Sightline's own " + channel.get().suffix() + " topic");
        }
        if (topics.isBelowRoot(t) || prefixes.stream().anyMatch(t::startsWith)) {
            return Optional.empty();
        }
        return Optional.of(shown + " is outside " + Topics.ROOT + "/" + topics.robotId()
                + "/ and mqtt.response_topic_prefixes");
    }
}
