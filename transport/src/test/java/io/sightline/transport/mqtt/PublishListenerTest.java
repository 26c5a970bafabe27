package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.v1.Health;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A publish listener sees what the service hands its client, whether or not a broker is there (none is here). */
class PublishListenerTest {
    @Test
    void everyMessageHandedToTheClientReachesTheListenerWithItsChannelAndPayload() throws Exception {
        List<OutboundMessage> seen = new CopyOnWriteArrayList<>();
        try (SightlineMqttClient client = SightlineMqttClient.start(MqttTestKit.service("tcp://127.0.0.1:1", "r9"))) {
            client.addPublishListener((m, epochNanos) -> {
                assertThat(epochNanos).isPositive();
                seen.add(m);
            });
            client.addPublishListener((m, epochNanos) -> {
                throw new IllegalStateException("a broken listener does not stop the others");
            });
            client.publishHealth(Health.newBuilder().setFps(7).build());
        }
        assertThat(seen).isNotEmpty();
        OutboundMessage health = seen.get(0);
        assertThat(health.channel()).isEqualTo(Channel.HEALTH);
        assertThat(health.topic()).isEqualTo("sightline/v1/r9/health");
        assertThat(Health.parseFrom(health.payload()).getFps()).isEqualTo(7.0);
    }
}
