package io.sightline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.service.PerceptionService;
import io.sightline.service.ServiceAssembly;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.broker.EmbeddedBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes a running service's {@code /metrics} on loopback and answers
 * PromQL over what it scraped: the exposition parses for a real scraper (target health "up"), the frame counter rises
 * between scrapes, and the stage histogram gives a quantile. Skipped with the reason where the binary is missing
 * ({@code .ci/run} installs it).
 */
class PrometheusScrapeTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path SCENE = Path.of("../test-scenes/demo/seq-000");
    private static final Path PACK = Path.of("../models/tabletop-vlm");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRealPrometheusScrapesTheServiceAndAnswersPromQl(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS), "no " + PROMETHEUS + " (Debian package prometheus)");
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("manifest.json")), "no model pack at " + PACK);
        int metricsPort = freePort();
        int prometheusPort = freePort();
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        try (broker; PerceptionService service = start(broker.uri(), metricsPort);
             ServiceHttpServer server = ServiceAssembly.http(config(broker.uri(), metricsPort), service).orElseThrow()) {
            assertThat(server.port()).isEqualTo(metricsPort);
            Path yml = tmp.resolve("prometheus.yml");
            Files.writeString(yml, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                  - job_name: sightline
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(metricsPort));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + yml,
                "--storage.tsdb.path=" + tmp.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
            try {
                // the target is up: Prometheus parsed the exposition (a malformed one marks it down with the error)
                JsonNode up = await("target up", prometheusPort, "up{job=\"sightline\"}", v -> v == 1, tmp);
                assertThat(up.path("metric").path("instance").asText()).isEqualTo("127.0.0.1:" + metricsPort);
                // frames are counted between scrapes (the demo plays at 10 fps)
                await("frames counted", prometheusPort, "increase(sightline_frames_processed_total[5s])", v -> v > 0, tmp);
                // the stage histogram works with histogram_quantile: a total latency p50 in (0, 10 s)
                await("latency quantile", prometheusPort,
                    "histogram_quantile(0.5, sum by (le) (rate(sightline_stage_latency_seconds_bucket{stage=\"total\"}[5s])))",
                    v -> v > 0 && v < 10, tmp);
                await("service state", prometheusPort, "sightline_service_state{state=\"ONLINE\"}", v -> v == 1, tmp);
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private interface Check {
        boolean ok(double value);
    }

    /** Queries until the first series of {@code promql} passes {@code check}; returns that series. */
    private JsonNode await(String what, int port, String promql, Check check, Path tmp) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonNode result = json.readTree(r.body()).path("data").path("result");
                if (result.size() > 0) {
                    double v = Double.parseDouble(result.get(0).path("value").get(1).asText());
                    if (check.ok(v)) {
                        return result.get(0);
                    }
                }
            } catch (IOException e) {
                last = e.toString(); // Prometheus still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": '" + promql + "' never passed in " + WAIT.toSeconds() + " s; last answer: " + last
            + "\nprometheus log:\n" + Files.readString(tmp.resolve("prometheus.log")));
    }

    private static ServiceConfig config(String brokerUri, int metricsPort) {
        Map<String, String> o = new HashMap<>();
        o.put("mqtt.url", brokerUri);
        o.put("mqtt.robot_id", "prom" + Long.toHexString(System.nanoTime() & 0xffffff));
        o.put("source.uri", SCENE.toAbsolutePath().normalize().toString());
        o.put("model.pack", PACK.toAbsolutePath().toString());
        o.put("model.backend", "onnxruntime");
        o.put("http.port", String.valueOf(metricsPort));
        return ServiceConfig.loader().load(null, Map.of(), o);
    }

    private static PerceptionService start(String brokerUri, int metricsPort) {
        return ServiceAssembly.start(config(brokerUri, metricsPort), new ServiceAssembly.Environment(null, Optional.empty(),
            Optional.empty(), "test", line -> { }));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
