package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

class InboundMessageTest {
    @Test
    void absentPropertiesAreEmpty() {
        MqttMessage paho = new MqttMessage(new byte[] {1, 2, 3});
        paho.setProperties(null);
        InboundMessage in = InboundMessage.of("sightline/v1/r1/detections/cam0", paho, 42);
        assertThat(in.contentType()).isEmpty();
        assertThat(in.responseTopic()).isEmpty();
        assertThat(in.correlationData()).isEmpty();
        assertThat(in.payload().toByteArray()).containsExactly(1, 2, 3);
        assertThat(in.receivedNanos()).isEqualTo(42);

        paho.setProperties(new MqttProperties());
        in = InboundMessage.of("sightline/v1/r1/detections/cam0", paho, 42);
        assertThat(in.contentType()).isEmpty();
        assertThat(in.responseTopic()).isEmpty();
        assertThat(in.correlationData()).isEmpty();
    }

    @Test
    void presentPropertiesAreKept() {
        MqttMessage paho = new MqttMessage(new byte[] {9});
        paho.setRetained(true);
        MqttProperties p = new MqttProperties();
        p.setContentType("application/x-protobuf; type=sightline.v1.GroundingRequest");
        p.setResponseTopic("sightline/v1/r1/ground/response/c1");
        p.setCorrelationData(new byte[] {'q', '7'});
        paho.setProperties(p);
        InboundMessage in = InboundMessage.of("sightline/v1/r1/ground/request", paho, 1);
        assertThat(in.retained()).isTrue();
        assertThat(in.contentType()).hasValue("application/x-protobuf; type=sightline.v1.GroundingRequest");
        assertThat(in.responseTopic()).hasValue("sightline/v1/r1/ground/response/c1");
        assertThat(in.correlationData()).hasValue(CorrelationData.utf8("q7"));
    }

    @Test
    void keepsItsOwnCopyOfThePayload() {
        byte[] bytes = {5, 6};
        InboundMessage in = InboundMessage.of("t", new MqttMessage(bytes), 0);
        bytes[0] = 0;
        assertThat(in.payload().toByteArray()).containsExactly(5, 6);
    }
}
