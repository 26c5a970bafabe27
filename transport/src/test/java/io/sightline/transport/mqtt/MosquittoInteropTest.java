package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.transport.broker.BrokerProbe;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract against Mosquitto on 127.0.0.1:1883, the broker robots normally run; skipped when absent. */
class MosquittoInteropTest extends InteropContract {
    @BeforeAll
    static void requireMosquitto() {
        BrokerProbe.Result r = new BrokerProbe(500).probe("127.0.0.1", 1883);
        assumeTrue(r.answered() && r.returnCode() == 0, "no anonymous MQTT broker on 127.0.0.1:1883: " + r.detail());
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    int port() {
        return 1883;
    }

    @Test
    void ourRequesterAndResponderTalkThroughMosquitto() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        try (SightlineMqttClient service = SightlineMqttClient.start(MqttTestKit.service(uri(), robot));
             GroundingResponder responder = new GroundingResponder(service, new SightlineMqttClientTest.TableHandler(), MqttTestKit.grounding(4096, 2000, 16, "sightline"));
             SightlineMqttClient tool = SightlineMqttClient.start(MqttTestKit.tool(uri(), robot))) {
            GroundingRequester requester = new GroundingRequester(tool);
            assertThat(service.awaitReady(Duration.ofSeconds(10)) && tool.awaitReady(Duration.ofSeconds(10))).isTrue();
            var result = requester.request(GroundingRequest.newBuilder().setRequestId("m1").setExpression("green box").build(),
                    Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
            assertThat(result.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_NO_MATCH);
            assertThat(responder.counters().requests()).isEqualTo(1);
        }
    }
}
