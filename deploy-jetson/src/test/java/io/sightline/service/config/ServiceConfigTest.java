package io.sightline.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.runtime.select.BackendPreference;
import io.sightline.runtime.tensorrt.Precision;
import io.sightline.transport.config.ConfigException;
import io.sightline.transport.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root configuration bound to the domain's own enums, and the shipped file that documents it. */
class ServiceConfigTest {
    private final ConfigLoader<ServiceConfig> loader = ServiceConfig.loader();
    @TempDir
    Path dir;

    @Test
    void defaultsAreComplete() {
        ServiceConfig c = loader.defaults();
        assertThat(c.mqtt().robotId()).isEqualTo("robot1");
        assertThat(c.model().backend()).isEqualTo(BackendPreference.AUTO);
        assertThat(c.model().precision()).isEqualTo(EncoderPrecision.FP32);
        assertThat(c.source().cameraId()).isEqualTo("cam0");
        assertThat(c.source().uri()).isEqualTo("scenes/seq-000");
        assertThat(c.grounding()).isEqualTo(new GroundingSection(GroundingConfig.RelationCheck.UNSUPPORTED, 0));
        assertThat(loader.keys()).startsWith("mqtt.url").contains("source.uri", "model.pack", "grounding.none_threshold",
            "detection.min_score", "relations.neighbours", "tracking.min_hits");
        assertThat(c.tracking().tracker()).isEqualTo(TrackerConfig.defaults());
        assertThat(c.detection()).isEqualTo(new DetectionSection(0));
        assertThat(c.relations()).isEqualTo(new RelationsSection(3));
    }

    @Test
    void detectionMinScoreOverridesThePacksOperatingPoint() {
        io.sightline.perception.pack.DenseHeadSpec head = new io.sightline.perception.pack.DenseHeadSpec(3, 4, 5, 0, 1, 3,
            3, 5, 0.05, 0.6, 0.0, java.util.OptionalDouble.of(0.35), Map.of("cube", 0.5));
        assertThat(loader.defaults().detection().publishing(head).threshold("cube")).isEqualTo(0.5);
        ServiceConfig c = loader.load(null, Map.of(), Map.of("detection.min_score", "0.6", "relations.neighbours", "5"));
        assertThat(c.detection().publishing(head).threshold("cube")).isEqualTo(0.6);
        assertThat(c.detection().publishing(head).threshold("cup")).isEqualTo(0.6);
        assertThat(c.relations().neighbours()).isEqualTo(5);
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("detection.min_score", "1.5")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("detection.min_score: 1.5");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("relations.neighbours", "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("relations.neighbours: 0 must be at least 1");
    }

    @Test
    void trackingIsConfigurableAndCheckedWithTheKey() {
        ServiceConfig c = loader.load(null, Map.of("SIGHTLINE_TRACKING_EVENT_KEEP_ALIVE_S", "10"),
            Map.of("tracking.lost_after_misses", "5"));
        assertThat(c.tracking().tracker().eventKeepAliveS()).isEqualTo(10);
        assertThat(c.tracking().tracker().lostAfterMisses()).isEqualTo(5);
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("tracking.min_hits", "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("tracking").hasMessageContaining("minHits");
    }

    @Test
    void theHttpPortIsOffByDefaultAndNeedsATokenOffLoopback() {
        assertThat(loader.defaults().http().enabled()).isFalse();
        assertThat(loader.defaults().http().host()).isEqualTo("127.0.0.1");
        ServiceConfig local = loader.load(null, Map.of("SIGHTLINE_HTTP_PORT", "9464"), Map.of());
        assertThat(local.http().port()).isEqualTo(9464);
        assertThat(local.http().bearerToken()).isEmpty();

        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("http.port", "9464", "http.host", "0.0.0.0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("http.token").hasMessageContaining("0.0.0.0");
        ServiceConfig open = loader.load(null, Map.of("SIGHTLINE_HTTP_TOKEN", "s3cret"),
            Map.of("http.port", "9464", "http.host", "0.0.0.0"));
        assertThat(open.http().bearerToken()).map(t -> t.reveal()).contains("s3cret");
        assertThat(open.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("http.port", "70000")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
    }

    @Test
    void aLiveCameraIsCalibratedFromTheConfigFileWithBothFilesOrNeither() {
        assertThat(loader.defaults().source().calibrationFiles()).isEmpty();
        ServiceConfig both = loader.load(null, Map.of(),
            Map.of("source.camera_info", "/etc/sightline/cam0.yaml", "source.extrinsics", "/etc/sightline/cam0-extrinsics.yaml"));
        assertThat(both.source().calibrationFiles()).contains(
            new SourceSection.Calibration("/etc/sightline/cam0.yaml", "/etc/sightline/cam0-extrinsics.yaml"));
        assertThatThrownBy(() -> loader.load(null, Map.of("SIGHTLINE_SOURCE_CAMERA_INFO", "cam0.yaml"), Map.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("source.extrinsics").hasMessageContaining("cam0.yaml");
        // the former key still reads as camera_info
        ServiceConfig former = loader.load(null, Map.of(), Map.of("source.calibration", "old.yaml", "source.extrinsics", "e.yaml"));
        assertThat(former.source().calibrationFiles()).map(SourceSection.Calibration::cameraInfo).contains("old.yaml");
    }

    @Test
    void modelThreadsReachEverySessionAndAreChecked() {
        assertThat(loader.defaults().model().threads()).isZero();
        ServiceConfig two = loader.load(null, Map.of(), Map.of("model.threads", "2"));
        assertThat(two.model().options(Path.of("p")).onnx().intraOpThreads()).isEqualTo(2);
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("model.threads", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("model.threads");
    }

    @Test
    void shippedConfigFileDocumentsEveryKeyWithTheDefaults() throws IOException {
        Path shipped = Path.of("src/main/dist/conf/sightline.yaml");
        assertThat(shipped).exists();
        assertThat(loader.load(shipped, Map.of(), Map.of())).isEqualTo(loader.defaults());
        String text = Files.readString(shipped);
        for (String key : loader.keys()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(text).as("key " + key).containsPattern("(?m)^\\s*#.*\\n\\s*" + leaf + ":");
        }
    }

    @Test
    void theShippedRobotConfigNamesACameraTheCocoPackTheLocalBrokerAndTheHostName() {
        ServiceConfig robot = loader.load(Path.of("src/main/dist/conf/robot.yaml"), Map.of(), Map.of());
        assertThat(robot.source().uri()).isEqualTo("/dev/video0");
        assertThat(robot.source().calibrationFiles()).isEmpty();
        assertThat(robot.model().pack()).isEqualTo("models/coco-nanodet");
        assertThat(robot.mqtt().url()).isEqualTo("tcp://localhost:1883");
        assertThat(robot.mqtt().robotId()).isEqualTo(io.sightline.transport.config.RobotId.resolve("${hostname}"))
            .isNotEqualTo("${hostname}");
        // the rest are the defaults: a robot file lists only what a robot changes
        assertThat(robot.grounding()).isEqualTo(loader.defaults().grounding());
        assertThat(loader.defaults().source().uri()).isEqualTo("scenes/seq-000"); // plain run: the demo
    }

    @Test
    void sectionsBindToTheDomainEnumsCaseInsensitively() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "model:\n  backend: TensorRT\n  precision: int8\n");
        ServiceConfig c = loader.load(file, Map.of("SIGHTLINE_GROUNDING_RELATION_CHECK", "contradicted"),
            Map.of("grounding.none_threshold", "0.8", "mqtt.url", "tcp://flag:1884"));
        assertThat(c.model().backend()).isEqualTo(BackendPreference.TENSORRT);
        assertThat(c.model().precision()).isEqualTo(EncoderPrecision.INT8);
        assertThat(c.grounding().relationCheck()).isEqualTo(GroundingConfig.RelationCheck.CONTRADICTED);
        assertThat(c.grounding().noneThreshold()).isEqualTo(0.8);
        assertThat(c.mqtt().url()).isEqualTo("tcp://flag:1884");
    }

    @Test
    void anInvalidEnumFailsAtLoadWithTheKeyAndTheAllowedValues() {
        // fp16 was accepted by the old transport-side config and only refused later by the pipeline
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("model.precision", "fp16")))
            .isInstanceOf(ConfigException.class).hasMessageEndingWith("model.precision: 'fp16' is not one of fp32, int8");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("model.backend", "cuda")))
            .isInstanceOf(ConfigException.class)
            .hasMessageEndingWith("model.backend: 'cuda' is not one of auto, tensorrt, onnxruntime");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("grounding.relation_check", "sometimes")))
            .isInstanceOf(ConfigException.class)
            .hasMessageEndingWith("grounding.relation_check: 'sometimes' is not one of off, contradicted, unsupported");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("grounding.none_threshold", "1")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("grounding.none_threshold: 1.0 must be 0 (the model pack's) or strictly between 0 and 1");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("model.packs", "x")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'model.packs'");
    }

    @Test
    void sectionsGiveThePipelinesSettings() {
        ModelSection int8 = new ModelSection("p", BackendPreference.ONNXRUNTIME, EncoderPrecision.INT8, "", 0);
        VlmOptions o = int8.options(Path.of("/packs/p"));
        assertThat(o.backend()).isEqualTo(BackendPreference.ONNXRUNTIME);
        assertThat(o.precision()).isEqualTo(EncoderPrecision.INT8);
        assertThat(o.tensorRt().precision()).isEqualTo(Precision.INT8_QDQ);
        assertThat(o.tensorRt().engineCache()).isEqualTo(Path.of("/packs/p/engines"));
        assertThat(new ModelSection("p", null, null, "/var/engines", 0).options(Path.of("p")).tensorRt().engineCache())
            .isEqualTo(Path.of("/var/engines"));

        GroundingSection contradicted = new GroundingSection(GroundingConfig.RelationCheck.CONTRADICTED, 0);
        assertThat(contradicted.matching())
            .isEqualTo(GroundingConfig.defaults().withRelationCheck(GroundingConfig.RelationCheck.CONTRADICTED));
        assertThat(new GroundingSection(null, 0).relationCheck()).isEqualTo(GroundingConfig.RelationCheck.UNSUPPORTED);
        VlmOptions options = VlmOptions.onnxRuntime(1);
        assertThat(contradicted.decoding(options).groundNoneThreshold()).isEmpty();
        assertThat(new GroundingSection(GroundingConfig.RelationCheck.OFF, 0.7).decoding(options).groundNoneThreshold())
            .hasValue(0.7);
        assertThat(contradicted.describe(0.95)).isEqualTo("relation check contradicted, none threshold 0.95 (the pack's)");
    }
}
