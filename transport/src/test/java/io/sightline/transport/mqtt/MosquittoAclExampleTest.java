package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker ACL example the README recommends (deploy-jetson/src/main/dist/conf/mosquitto-acl.conf), as shipped,
 * on a Mosquitto started here on a free loopback port with a password file: grounding works for the planner, which
 * may neither read another client's answers nor publish on the service's topics. Skipped without mosquitto and
 * mosquitto_passwd on PATH.
 */
class MosquittoAclExampleTest {
    private static final Path ACL = Path.of("../deploy-jetson/src/main/dist/conf/mosquitto-acl.conf");
    private static final String ROBOT = "robot1";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int NOT_AUTHORIZED = 0x87;

    @Test
    void theShippedAclAllowsGroundingAndNothingElse(@TempDir Path dir) throws Exception {
        Optional<Path> mosquitto = MqttTestKit.executable("mosquitto");
        Optional<Path> passwd = MqttTestKit.executable("mosquitto_passwd");
        assumeTrue(mosquitto.isPresent() && passwd.isPresent(), "mosquitto and mosquitto_passwd are not on PATH");
        Path passwords = dir.resolve("passwd");
        run(passwd.get().toString(), "-b", "-c", passwords.toString(), "sightline-robot1", "service-secret");
        run(passwd.get().toString(), "-b", passwords.toString(), "planner", "planner-secret");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        // "user": Mosquitto started as root would otherwise switch to user mosquitto, who cannot read the temp folder
        Files.writeString(conf, "user " + System.getProperty("user.name") + "\nlistener " + port
                + " 127.0.0.1\nallow_anonymous false\npersistence false\n"
                + "password_file " + passwords + "\nacl_file " + ACL.toAbsolutePath().normalize() + "\n");
        Process broker = new ProcessBuilder(mosquitto.get().toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        String uri = "tcp://127.0.0.1:" + port;
        try {
            try {
                MqttTestKit.await("mosquitto to listen", WAIT, () -> MqttTestKit.accepts(port));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; its log: " + Files.readString(dir.resolve("mosquitto.log")), e);
            }
            try (SightlineMqttClient service = SightlineMqttClient.start(settings(uri, "sightline-robot1", "service-secret", true));
                 GroundingResponder responder = new GroundingResponder(service, new SightlineMqttClientTest.TableHandler(),
                         GroundingSettings.of(MqttTestKit.config(ROBOT, Map.of())));
                 SightlineMqttClient planner = SightlineMqttClient.start(settings(uri, "planner", "planner-secret", false))) {
                assertThat(service.awaitReady(WAIT) && planner.awaitReady(WAIT)).isTrue();
                GroundingResult answer = new GroundingRequester(planner).request(GroundingRequest.newBuilder()
                        .setRequestId("acl-1").setExpression("the red cup").build(), WAIT).get(15, TimeUnit.SECONDS);
                assertThat(answer.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(responder.counters().requests()).isEqualTo(1);

                // Mosquitto grants a subscription and checks read access per message: the planner's answers never
                // reach another client subscribed to its response topic.
                java.util.List<String> leaked = new java.util.concurrent.CopyOnWriteArrayList<>();
                MqttAsyncClient other = raw(uri, "planner", "planner-secret", leaked);
                try {
                    other.subscribe(new MqttSubscription(new Topics(ROBOT).groundResponse(planner.settings().clientId()), 1))
                            .waitForCompletion(5000);
                    assertThat(new GroundingRequester(planner).request(GroundingRequest.newBuilder().setRequestId("acl-2")
                            .setExpression("the red cup").build(), WAIT).get(15, TimeUnit.SECONDS).getStatus())
                            .isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                    MqttMessage forged = new MqttMessage(new byte[] {1});
                    forged.setQos(1);
                    IMqttToken pub = other.publish(new Topics(ROBOT).status(), forged);
                    pub.waitForCompletion(5000);
                    assertThat(pub.getReasonCodes()).as("publishing on the service's status").containsOnly(NOT_AUTHORIZED);
                    Thread.sleep(500); // the answer went out before the planner read it; give a leak time to show
                    assertThat(leaked).as("another client's answers").isEmpty();
                } finally {
                    other.disconnect().waitForCompletion(3000);
                    other.close();
                }
            }
        } finally {
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static MqttSettings settings(String uri, String user, String password, boolean service) {
        var c = MqttTestKit.config(ROBOT, Map.of("mqtt.username", user, "mqtt.password", password));
        return service ? MqttSettings.service(c, uri) : MqttSettings.tool(c, uri, "planner");
    }

    private static MqttAsyncClient raw(String uri, String user, String password, java.util.List<String> received)
            throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(uri, "raw-" + MqttTestKit.uniqueRobot(), new MemoryPersistence());
        c.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        c.connect(o).waitForCompletion(5000);
        return c;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", command) + ": " + out).isTrue();
    }

}
