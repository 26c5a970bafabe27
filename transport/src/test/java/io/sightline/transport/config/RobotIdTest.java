package io.sightline.transport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RobotIdTest {
    @Test
    void aConfiguredIdStaysAsItIs() {
        assertThat(RobotId.resolve("robot1", () -> "ignored")).isEqualTo("robot1");
    }

    @Test
    void theHostNameBecomesATopicSafeId() {
        assertThat(RobotId.resolve("${hostname}", () -> "Orin-Nano-07.lab.example.org")).isEqualTo("orin-nano-07");
        assertThat(RobotId.resolve(" ${hostname} ", () -> "amr+3 west")).isEqualTo("amr-3-west");
        assertThatThrownBy(() -> RobotId.resolve("${hostname}", () -> "")).hasMessageContaining("mqtt.robot_id");
        assertThatThrownBy(() -> RobotId.resolve("${hostname}", () -> "+++")).hasMessageContaining("+++");
    }

    @Test
    void thisMachinesHostNameGivesAValidConfiguration() {
        String id = RobotId.resolve(RobotId.HOSTNAME);
        assertThat(id).isNotBlank().matches("[a-z0-9_-]+");
    }
}
