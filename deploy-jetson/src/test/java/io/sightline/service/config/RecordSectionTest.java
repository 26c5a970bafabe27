package io.sightline.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.transport.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordSectionTest {
    @Test
    void recordingIsOffByDefaultAndOnWithAPath() {
        ServiceConfig off = ServiceConfig.loader().load(null, Map.of(), Map.of());
        assertThat(off.record().enabled()).isFalse();
        ServiceConfig on = ServiceConfig.loader().load(null, Map.of("SIGHTLINE_RECORD_MAX_DURATION_S", "60"),
            Map.of("record.path", "/tmp/run.mcap", "record.max_bytes", "1000000"));
        assertThat(on.record().enabled()).isTrue();
        assertThat(on.record().sizeLimit()).contains(1_000_000L);
        assertThat(on.record().timeLimit()).contains(Duration.ofSeconds(60));
        assertThat(on.record().frames()).isTrue();
    }

    @Test
    void limitsThatCannotWorkAreRefusedWithTheKey() {
        assertThatThrownBy(() -> new RecordSection("r.mcap", 1000, 0, true, 256)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("record.max_bytes");
        assertThatThrownBy(() -> new RecordSection("r.mcap", 0, -1, true, 256)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("record.max_duration_s");
        assertThatThrownBy(() -> new RecordSection("r.mcap", 0, 0, true, 0)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("record.queue");
    }
}
