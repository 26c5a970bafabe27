package io.sightline.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.cli.SightlineCli;
import io.sightline.perception.service.PerceptionService;
import io.sightline.service.ServiceAssembly;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real service run with recording on (the demo scene, a few seconds) read back by the official MCAP reader,
 * {@code @mcap/core} from npm (indexed through the summary and streamed front to back, CRCs checked): every channel,
 * schema and message count equals what the recorder wrote. Then {@code sightline replay FILE.mcap} runs the pipeline
 * on every recorded frame. Skipped with the reason where node, npm or the registry is missing.
 */
class McapRecordRunTest {
    private static final String MCAP_CORE = "2.2.2";
    private static final Path NODE_DIR = Path.of("target", "mcap-core-" + MCAP_CORE);
    private static final Path SCENE = Path.of("../test-scenes/demo/seq-000");
    private static final Path PACK = Path.of("../models/tabletop-vlm");
    private static String reason = "";

    @Test
    void theOfficialReaderReadsBackEveryChannelSchemaAndMessageOfARecordedRun(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("manifest.json")), "no model pack at " + PACK);
        Optional<Path> script = installReader();
        Assumptions.assumeTrue(script.isPresent(), reason);
        Path file = tmp.resolve("run.mcap");
        McapRecorder recorder;
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        try (broker) {
            PerceptionService service = ServiceAssembly.start(config(broker.uri(), file), new ServiceAssembly.Environment(null,
                Optional.empty(), Optional.empty(), "test", line -> { }));
            try (service) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (service.metrics().frames() < 30 && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
            }
            recorder = (McapRecorder) service.recorder();
        }
        Map<String, Long> written = recorder.writtenByTopic();
        assertThat(recorder.failure()).isEmpty();
        assertThat(recorder.counters().droppedFrames() + recorder.counters().droppedMessages()).isZero();
        assertThat(written.keySet()).contains("camera/cam0/image")
            .anyMatch(t -> t.endsWith("/status")).anyMatch(t -> t.contains("/detections/cam0"))
            .anyMatch(t -> t.contains("/scene/cam0")).anyMatch(t -> t.endsWith("/health"));

        JsonNode read = new ObjectMapper().readTree(run(List.of("node", script.get().toAbsolutePath().toString(),
            file.toAbsolutePath().toString()), NODE_DIR).orElseThrow(() -> new AssertionError("@mcap/core failed: " + reason)));
        assertThat(read.path("library").asText()).isEqualTo("sightline test");
        assertThat(read.path("footer").asBoolean()).isTrue();
        assertThat(read.path("streamDone").asBoolean()).isTrue();
        assertThat(counts(read.path("indexedCounts"))).isEqualTo(written);
        assertThat(counts(read.path("streamedCounts"))).isEqualTo(written);
        long total = written.values().stream().mapToLong(Long::longValue).sum();
        assertThat(read.path("statistics").path("messageCount").asLong()).isEqualTo(total);
        assertThat(read.path("chunkIndexes").asInt()).isPositive();
        Set<String> topics = new HashSet<>();
        Map<Integer, String> schemaNames = new HashMap<>();
        read.path("schemas").forEach(s -> {
            assertThat(s.path("encoding").asText()).isEqualTo("protobuf");
            assertThat(s.path("size").asInt()).isPositive();
            schemaNames.put(s.path("id").asInt(), s.path("name").asText());
        });
        List<String> channelSchemas = new ArrayList<>();
        read.path("channels").forEach(c -> {
            topics.add(c.path("topic").asText());
            assertThat(c.path("messageEncoding").asText()).isEqualTo("protobuf");
            channelSchemas.add(schemaNames.get(c.path("schemaId").asInt()));
        });
        assertThat(topics).isEqualTo(written.keySet());
        assertThat(channelSchemas).doesNotContainNull()
            .contains("foxglove.CompressedImage", "sightline.v1.ServiceStatus", "sightline.v1.DetectionFrame",
                "sightline.v1.SceneSnapshot", "sightline.v1.Health");
        assertThat(new HashSet<>(schemaNames.values())).hasSize(schemaNames.size()); // one schema per message type

        // replay FILE.mcap: the pipeline over every recorded frame, one result line each
        Path results = tmp.resolve("replay.jsonl");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SightlineCli());
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("replay", file.toString(), "--out", results.toString(), "--pack", PACK.toString(),
            "--backend", "onnxruntime", "--no-progress");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(Files.readAllLines(results)).hasSize(written.get("camera/cam0/image").intValue());
    }

    private static Map<String, Long> counts(JsonNode n) {
        Map<String, Long> m = new HashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    private static ServiceConfig config(String brokerUri, Path record) {
        Map<String, String> o = new HashMap<>();
        o.put("mqtt.url", brokerUri);
        o.put("mqtt.robot_id", "rec" + Long.toHexString(System.nanoTime() & 0xffffff));
        o.put("source.uri", SCENE.toAbsolutePath().normalize().toString());
        o.put("model.pack", PACK.toAbsolutePath().toString());
        o.put("model.backend", "onnxruntime");
        o.put("record.path", record.toString());
        return ServiceConfig.loader().load(null, Map.of(), o);
    }

    /** @mcap/core installed with npm under target/, and the reading script; empty with {@link #reason}. */
    static synchronized Optional<Path> installReader() throws IOException {
        if (run(List.of("node", "--version"), Path.of(".")).isEmpty()) {
            reason = "node is not installed";
            return Optional.empty();
        }
        Path marker = NODE_DIR.resolve("node_modules/@mcap/core/package.json");
        if (!Files.exists(marker)) {
            Files.createDirectories(NODE_DIR);
            Optional<String> out = run(List.of("npm", "install", "--prefix", NODE_DIR.toString(), "--no-audit", "--no-fund",
                "@mcap/core@" + MCAP_CORE), Path.of("."));
            if (out.isEmpty() || !Files.exists(marker)) {
                reason = "npm install of @mcap/core@" + MCAP_CORE + " failed (no npm or no registry): " + reason;
                return Optional.empty();
            }
        }
        Path script = NODE_DIR.resolve("mcap_read.js");
        try (var in = McapRecordRunTest.class.getResourceAsStream("mcap_read.js")) {
            Files.write(script, in.readAllBytes());
        }
        return Optional.of(script);
    }

    /** stdout of a command that exited 0, else empty (the output goes to {@link #reason}). */
    static Optional<String> run(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
            byte[] err = new byte[0];
            String out = new String(p.getInputStream().readAllBytes());
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                reason = String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.strip() + " " + new String(err).strip();
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            reason = String.join(" ", cmd) + ": " + e.getMessage();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
