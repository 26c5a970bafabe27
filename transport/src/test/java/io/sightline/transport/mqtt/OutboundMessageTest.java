package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.Header;
import io.sightline.transport.v1.Health;
import io.sightline.transport.v1.SceneSnapshot;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.TrackEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {
    private static final long QUEUE_EXPIRY_S = 30;
    private static final long NOW = 1_000_000_000L;

    /** A payload of each channel's type, so the content type can be checked against the message. */
    private static final Map<Channel, Message> PAYLOADS = Map.of(
            Channel.STATUS, ServiceStatus.newBuilder().setRobotId("r1").build(),
            Channel.HEALTH, Health.newBuilder().setFps(30).build(),
            Channel.DETECTIONS, DetectionFrame.newBuilder().setHeader(Header.newBuilder().setSeq(7)).build(),
            Channel.SCENE, SceneSnapshot.newBuilder().setDescription("a cup").build(),
            Channel.EVENTS, TrackEvent.newBuilder().setHeader(Header.newBuilder().setSeq(8)).build(),
            Channel.GROUND_REQUEST, GroundingRequest.newBuilder().setRequestId("q1").setExpression("the cup").build(),
            Channel.GROUND_RESULT, GroundingResult.newBuilder().setRequestId("q1").build());

    private static OutboundMessage plain(Channel channel) {
        return OutboundMessage.of(channel, "sightline/v1/r1/x", PAYLOADS.get(channel), Optional.empty(), Optional.empty(),
                QUEUE_EXPIRY_S, NOW);
    }

    @Test
    void everyChannelsPublishCarriesItsQosRetainContentTypeAndExpiry() {
        record Row(int qos, boolean retained, Long expiry, String type) {
        }
        Map<Channel, Row> table = Map.of(
                Channel.STATUS, new Row(1, true, null, "sightline.v1.ServiceStatus"),
                Channel.HEALTH, new Row(0, true, 3L, "sightline.v1.Health"),
                Channel.DETECTIONS, new Row(0, false, 1L, "sightline.v1.DetectionFrame"),
                Channel.SCENE, new Row(0, true, null, "sightline.v1.SceneSnapshot"),
                Channel.EVENTS, new Row(1, false, QUEUE_EXPIRY_S, "sightline.v1.TrackEvent"),
                Channel.GROUND_REQUEST, new Row(1, false, QUEUE_EXPIRY_S, "sightline.v1.GroundingRequest"),
                Channel.GROUND_RESULT, new Row(1, false, QUEUE_EXPIRY_S, "sightline.v1.GroundingResult"));
        assertThat(table).containsOnlyKeys(Channel.values());
        for (Channel c : Channel.values()) {
            Row want = table.get(c);
            MqttMessage m = plain(c).toMqttMessage();
            assertThat(m.getQos()).as("%s qos", c).isEqualTo(want.qos());
            assertThat(m.isRetained()).as("%s retain", c).isEqualTo(want.retained());
            assertThat(m.getPayload()).as("%s payload", c).isEqualTo(PAYLOADS.get(c).toByteArray());
            MqttProperties p = m.getProperties();
            assertThat(p.getContentType()).as("%s content type", c).isEqualTo("application/x-protobuf; type=" + want.type());
            assertThat(p.getMessageExpiryInterval()).as("%s expiry", c).isEqualTo(want.expiry());
        }
    }

    @Test
    void absentResponseTopicAndCorrelationDataAreNotSent() {
        for (Channel c : Channel.values()) {
            MqttProperties p = plain(c).toMqttMessage().getProperties();
            assertThat(p.getResponseTopic()).as(c.name()).isNull();
            assertThat(p.getCorrelationData()).as(c.name()).isNull();
        }
    }

    @Test
    void responseTopicAndCorrelationDataAreSentWhenGiven() {
        OutboundMessage m = OutboundMessage.of(Channel.GROUND_REQUEST, "sightline/v1/r1/ground/request",
                PAYLOADS.get(Channel.GROUND_REQUEST), Optional.of("sightline/v1/r1/ground/response/c1"),
                Optional.of(CorrelationData.utf8("q1")), QUEUE_EXPIRY_S, NOW);
        MqttProperties p = m.toMqttMessage().getProperties();
        assertThat(p.getResponseTopic()).isEqualTo("sightline/v1/r1/ground/response/c1");
        assertThat(p.getCorrelationData()).isEqualTo(new byte[] {'q', '1'});
    }

    @Test
    void qosLevelsAreTheWireNumbers() {
        assertThat(Qos.AT_MOST_ONCE.level()).isZero();
        assertThat(Qos.AT_LEAST_ONCE.level()).isEqualTo(1);
        assertThat(Qos.EXACTLY_ONCE.level()).isEqualTo(2);
    }

    @Test
    void outboxKeepsAMessageForItsExpiryOrTheQueueExpiryWhenItHasNone() {
        assertThat(plain(Channel.DETECTIONS).discardAtNanos()).isEqualTo(NOW + TimeUnit.SECONDS.toNanos(1));
        assertThat(plain(Channel.HEALTH).discardAtNanos()).isEqualTo(NOW + TimeUnit.SECONDS.toNanos(3));
        assertThat(plain(Channel.STATUS).discardAtNanos()).isEqualTo(NOW + TimeUnit.SECONDS.toNanos(QUEUE_EXPIRY_S));
        assertThat(plain(Channel.EVENTS).discardAtNanos()).isEqualTo(NOW + TimeUnit.SECONDS.toNanos(QUEUE_EXPIRY_S));
        assertThat(plain(Channel.EVENTS).expired(NOW + TimeUnit.SECONDS.toNanos(QUEUE_EXPIRY_S))).isFalse();
        assertThat(plain(Channel.EVENTS).expired(NOW + TimeUnit.SECONDS.toNanos(QUEUE_EXPIRY_S) + 1)).isTrue();
    }

    @Test
    void latestWinsFollowsTheChannel() {
        assertThat(plain(Channel.DETECTIONS).latestWins()).isTrue();
        assertThat(plain(Channel.STATUS).latestWins()).isTrue();
        assertThat(plain(Channel.EVENTS).latestWins()).isFalse();
        assertThat(plain(Channel.GROUND_RESULT).latestWins()).isFalse();
    }

    /** An answer is sent by its request's deadline or not at all: discard time and MQTT expiry both cut to it. */
    @Test
    void anAnswerSentByADeadlineExpiresThen() {
        OutboundMessage answer = plain(Channel.GROUND_RESULT).sentBy(NOW + 2_500_000_000L, NOW);
        assertThat(answer.expired(NOW + 2_400_000_000L)).isFalse();
        assertThat(answer.expired(NOW + 2_600_000_000L)).isTrue();
        assertThat(answer.toMqttMessage().getProperties().getMessageExpiryInterval()).isEqualTo(3L);
        OutboundMessage late = plain(Channel.GROUND_RESULT).sentBy(NOW + 1L, NOW);
        assertThat(late.toMqttMessage().getProperties().getMessageExpiryInterval()).as("0 would mean 'never expires'")
                .isEqualTo(1L);
        OutboundMessage far = plain(Channel.GROUND_RESULT).sentBy(NOW + 3_600_000_000_000L, NOW);
        assertThat(far.toMqttMessage().getProperties().getMessageExpiryInterval()).as("never later than its own expiry")
                .isEqualTo(QUEUE_EXPIRY_S);
        assertThat(far.expired(NOW + (QUEUE_EXPIRY_S + 1) * 1_000_000_000L)).isTrue();
    }
}
