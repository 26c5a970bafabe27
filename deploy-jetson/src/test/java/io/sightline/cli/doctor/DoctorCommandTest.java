package io.sightline.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.cli.testing.CliRun;
import io.sightline.runtime.select.BackendPreference;
import io.sightline.runtime.tensorrt.TensorRtAvailability;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sightline doctor}: each check's verdicts from what it read, and the command end to end on this machine. */
class DoctorCommandTest {
    private static final String SCENE = Path.of("../test-scenes/demo/seq-000").toAbsolutePath().normalize().toString();
    private static final String PACK = Path.of("../models/tabletop-vlm").toAbsolutePath().normalize().toString();

    @Test
    void hostChecksFailWhatCannotRunAndWarnWhatRunsBadly() {
        assertThat(HostChecks.java(17, "17.0.15", "Debian").verdict()).isEqualTo(Verdict.OK);
        assertThat(HostChecks.java(11, "11.0.2", "x")).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(c.fix()).contains("17");
        });
        assertThat(HostChecks.cpu("aarch64", 6, "").verdict()).isEqualTo(Verdict.OK);
        assertThat(HostChecks.cpu("amd64", 1, "").verdict()).isEqualTo(Verdict.WARN);
        assertThat(HostChecks.cpu("riscv64", 4, "").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(HostChecks.memory(512 * HostChecks.MIB, 256 * HostChecks.MIB).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(HostChecks.memory(1536 * HostChecks.MIB, 256 * HostChecks.MIB).verdict()).isEqualTo(Verdict.WARN);
        assertThat(HostChecks.memory(8 * HostChecks.GIB, HostChecks.GIB).verdict()).isEqualTo(Verdict.OK);
        Path d = Path.of("/var/lib/sightline/engines");
        assertThat(HostChecks.disk("engines", d, -1).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(HostChecks.disk("engines", d, 100 * HostChecks.MIB).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(HostChecks.disk("engines", d, HostChecks.GIB).verdict()).isEqualTo(Verdict.WARN);
        assertThat(HostChecks.disk("engines", d, 10 * HostChecks.GIB).verdict()).isEqualTo(Verdict.OK);
        Instant built = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(HostChecks.clock(Instant.parse("1970-01-01T00:00:10Z"), built)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(c.fix()).contains("timedatectl");
        });
        assertThat(HostChecks.clock(Instant.parse("2026-12-03T00:00:00Z"), built).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void acceleratorVerdictFollowsTheConfiguredBackendAndTheMachine() {
        TensorRtAvailability none = TensorRtAvailability.unavailable("libcuda.so.1 not found (no NVIDIA driver)");
        assertThat(ServiceChecks.accelerator(none, BackendPreference.AUTO, false).verdict()).isEqualTo(Verdict.OK);
        assertThat(ServiceChecks.accelerator(none, BackendPreference.AUTO, true).verdict()).isEqualTo(Verdict.WARN);
        Check forced = ServiceChecks.accelerator(none, BackendPreference.TENSORRT, false);
        assertThat(forced.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(forced.detail()).contains("libcuda.so.1");
        TensorRtAvailability orin = new TensorRtAvailability(true, "", "10.3.0", "8.7", "Orin");
        assertThat(ServiceChecks.accelerator(orin, BackendPreference.TENSORRT, true).detail()).contains("10.3.0", "Orin", "8.7");
    }

    @Test
    void theDemoConfigurationPassesOnThisMachine() throws Exception {
        CliRun run = CliRun.of("doctor", "--source", SCENE, "--pack", PACK, "--embedded-broker-port", String.valueOf(freePort()));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("java", "camera", "a frame of 640x480", "pack", "files verified", "broker", "clock")
            .contains("sightline can run as configured");
    }

    @Test
    void aMissingCameraAndADeadBrokerFailWithAFixEachAndExit1() throws Exception {
        int closed = freePort();
        CliRun run = CliRun.of("doctor", "--json", "--camera-wait", "2", "--source", "/dev/video97", "--pack", PACK,
            "--mqtt-url", "tcp://127.0.0.1:" + closed);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("ok").asBoolean(true)).isFalse();
        List<String> failed = new ArrayList<>();
        doc.path("checks").forEach(c -> {
            if (c.path("verdict").asText().equals("FAIL")) {
                failed.add(c.path("name").asText());
                assertThat(c.path("fix").asText()).as(c.toString()).isNotBlank();
            }
        });
        assertThat(failed).containsExactlyInAnyOrder("camera", "broker");
        assertThat(run.out()).contains("/dev/video97", "127.0.0.1:" + closed);
        CliRun noPack = CliRun.of("doctor", "--source", SCENE, "--pack", "/nonexistent/pack", "--embedded-broker-port",
            String.valueOf(freePort()));
        assertThat(noPack.exitCode()).isEqualTo(1);
        assertThat(noPack.out()).contains("no model pack folder at /nonexistent/pack");
        CliRun usage = CliRun.of("doctor", "--precision", "fp16");
        assertThat(usage.exitCode()).as(usage.err()).isEqualTo(2);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
