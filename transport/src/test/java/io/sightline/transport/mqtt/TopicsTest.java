package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.junit.jupiter.api.Test;

class TopicsTest {
    private final Topics topics = new Topics("r2");

    @Test
    void followsTheTopicTable() {
        assertThat(topics.status()).isEqualTo("sightline/v1/r2/status");
        assertThat(topics.health()).isEqualTo("sightline/v1/r2/health");
        assertThat(topics.detections("cam0")).isEqualTo("sightline/v1/r2/detections/cam0");
        assertThat(topics.scene("cam0")).isEqualTo("sightline/v1/r2/scene/cam0");
        assertThat(topics.events("cam0")).isEqualTo("sightline/v1/r2/events/cam0");
        assertThat(topics.groundRequest()).isEqualTo("sightline/v1/r2/ground/request");
        assertThat(Channel.DETECTIONS.contentType()).isEqualTo("application/x-protobuf; type=sightline.v1.DetectionFrame");
    }

    @Test
    void channelPropertiesMatchTheArchitectureTable() {
        assertThat(Channel.STATUS.qos()).isEqualTo(Qos.AT_LEAST_ONCE);
        assertThat(Channel.STATUS.retain()).isTrue();
        assertThat(Channel.STATUS.messageExpirySeconds(60)).isEmpty();
        assertThat(Channel.HEALTH.qos()).isEqualTo(Qos.AT_MOST_ONCE);
        assertThat(Channel.HEALTH.retain()).isTrue();
        assertThat(Channel.HEALTH.messageExpirySeconds(60)).hasValue(3);
        assertThat(Channel.DETECTIONS.qos()).isEqualTo(Qos.AT_MOST_ONCE);
        assertThat(Channel.DETECTIONS.retain()).isFalse();
        assertThat(Channel.DETECTIONS.messageExpirySeconds(60)).hasValue(1);
        assertThat(Channel.SCENE.qos()).isEqualTo(Qos.AT_MOST_ONCE);
        assertThat(Channel.SCENE.retain()).isTrue();
        assertThat(Channel.SCENE.messageExpirySeconds(60)).isEmpty();
        for (Channel queued : new Channel[] {Channel.EVENTS, Channel.GROUND_REQUEST, Channel.GROUND_RESULT}) {
            assertThat(queued.qos()).as(queued.name()).isEqualTo(Qos.AT_LEAST_ONCE);
            assertThat(queued.retain()).as(queued.name()).isFalse();
            assertThat(queued.messageExpirySeconds(60)).as("the configured queue expiry").hasValue(60);
            assertThat(queued.messageExpirySeconds(0)).as("queue expiry 0 = none").isEmpty();
        }
    }

    @Test
    void filtersMatchTheirTopics() {
        assertThat(MqttTopicValidator.isMatched(topics.filters(Channel.DETECTIONS).get(0), topics.detections("cam7"))).isTrue();
        assertThat(topics.filters(Channel.GROUND_RESULT))
                .anyMatch(f -> MqttTopicValidator.isMatched(f, topics.groundResponse("c1")))
                .anyMatch(f -> MqttTopicValidator.isMatched(f, topics.groundResult()))
                .noneMatch(f -> MqttTopicValidator.isMatched(f, topics.groundRequest()));
        String shared = Topics.shared("sightline", topics.groundRequest());
        assertThat(shared).isEqualTo("$share/sightline/sightline/v1/r2/ground/request");
        assertThat(Topics.unshared(shared)).isEqualTo(topics.groundRequest());
        assertThat(Channel.byName("ground-result")).isEqualTo(Channel.GROUND_RESULT);
    }

    @Test
    void rejectsIdsThatWouldBreakTheTopicTree() {
        assertThatThrownBy(() -> new Topics("a/b")).hasMessageContaining("robot id 'a/b'");
        assertThatThrownBy(() -> topics.detections("#")).hasMessageContaining("camera id '#'");
        assertThatThrownBy(() -> new Topics("")).isInstanceOf(IllegalArgumentException.class);
    }
}
