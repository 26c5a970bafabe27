package io.sightline.runtime.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCacheTest {
    private static final String GRAPH = "a".repeat(64);
    private final EngineCacheKey key = new EngineCacheKey(GRAPH, "10.6.0", "8.7", Precision.FP16, "batch=1..1..1");
    private final byte[] engine = {1, 2, 3, 4, 5, 6, 7, 8};

    @TempDir
    Path dir;

    @Test
    void storedEngineIsFoundAgainAndNoTemporaryFileRemains() throws Exception {
        EngineCache cache = new EngineCache(dir.resolve("engines"));
        Path file = cache.store(key, engine);
        assertThat(file.getFileName().toString()).startsWith("aaaaaaaaaaaaaaaa-trt10.6.0-sm8.7-fp16-").endsWith(".engine");
        assertThat(cache.find(key)).isInstanceOfSatisfying(EngineCache.Hit.class, hit -> assertThat(hit.engine()).containsExactly(engine));
        try (var files = Files.list(dir.resolve("engines"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp")).hasSize(2);
        }
    }

    @Test
    void missingEngineIsAMiss() {
        assertThat(new EngineCache(dir).find(key)).isInstanceOfSatisfying(EngineCache.Miss.class,
            miss -> assertThat(miss.reason()).contains("no cached engine"));
    }

    @Test
    void engineFromAnotherTensorRtVersionIsRejectedBeforeDeserialising() throws Exception {
        EngineCache cache = new EngineCache(dir);
        cache.store(key, engine);
        // An engine left by an older TensorRT under the name the new key expects (e.g. copied between devices).
        EngineCacheKey upgraded = new EngineCacheKey(GRAPH, "10.7.0", "8.7", Precision.FP16, "batch=1..1..1");
        Files.move(cache.sidecarFile(key), cache.sidecarFile(upgraded));
        Files.move(cache.engineFile(key), cache.engineFile(upgraded));
        assertThat(cache.find(upgraded)).isInstanceOfSatisfying(EngineCache.Miss.class,
            miss -> assertThat(miss.reason()).contains("built by TensorRT 10.6.0, this is 10.7.0"));
    }

    @Test
    void engineForAnotherGpuIsRejected() throws Exception {
        EngineCache cache = new EngineCache(dir);
        cache.store(key, engine);
        EngineCacheKey thor = new EngineCacheKey(GRAPH, "10.6.0", "11.0", Precision.FP16, "batch=1..1..1");
        Files.copy(cache.sidecarFile(key), cache.sidecarFile(thor));
        Files.copy(cache.engineFile(key), cache.engineFile(thor));
        assertThat(((EngineCache.Miss) cache.find(thor)).reason()).contains("compute capability 8.7, this GPU is 11.0");
    }

    @Test
    void truncatedEngineIsRejected() throws Exception {
        EngineCache cache = new EngineCache(dir);
        cache.store(key, engine);
        Files.write(cache.engineFile(key), new byte[] {1, 2, 3});
        assertThat(((EngineCache.Miss) cache.find(key)).reason()).contains("truncated or replaced");
    }

    @Test
    void garbledSidecarIsRejected() throws Exception {
        EngineCache cache = new EngineCache(dir);
        cache.store(key, engine);
        Files.writeString(cache.sidecarFile(key), "{not json");
        assertThat(((EngineCache.Miss) cache.find(key)).reason()).contains("unreadable sidecar");
    }

    @Test
    void keyPartsChangeTheFileName() {
        assertThat(key.fileStem()).isNotEqualTo(new EngineCacheKey(GRAPH, "10.6.0", "8.7", Precision.INT8_QDQ, "batch=1..1..1").fileStem())
            .isNotEqualTo(new EngineCacheKey(GRAPH, "10.6.0", "8.7", Precision.FP16, "batch=1..1..4").fileStem())
            .isNotEqualTo(new EngineCacheKey("b".repeat(64), "10.6.0", "8.7", Precision.FP16, "batch=1..1..1").fileStem());
        assertThatThrownBy(() -> new EngineCacheKey("xyz", "10.6.0", "8.7", Precision.FP16, ""))
            .hasMessageContaining("64 lowercase hex digits, got xyz");
    }

    @Test
    void graphHashIsTheFileSha256() throws Exception {
        Path f = dir.resolve("g.onnx");
        Files.writeString(f, "abc");
        assertThat(EngineCacheKey.sha256(f)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(EngineCacheKey.versionText(100600)).isEqualTo("10.6.0");
        assertThat(EngineCacheKey.versionText(101500)).isEqualTo("10.15.0");
    }
}
