package io.sightline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.cli.testing.CliRun;
import io.sightline.perception.service.PerceptionService;
import io.sightline.service.ServiceAssembly;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.mqtt.Topics;
import io.sightline.transport.v1.Attribute;
import io.sightline.transport.v1.Detection;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.SpatialRelation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view and the chat endpoint of a running service, end to end with clients nobody here wrote: headless
 * Chromium (Debian's, driven by {@code playwright-core}) shows what the MQTT DetectionFrames carry (a Paho subscriber
 * on the same broker), updates without reload, and an expression typed in the page gets the target that
 * {@code sightline ground} gets over MQTT; the {@code openai} npm client gets completions and OpenAI error objects.
 * Skipped with the reason where node, npm, the registry, chromium or the model pack is missing.
 */
class LiveViewTest {
    private static final Path SCENE = Path.of("../test-scenes/demo/seq-000");
    private static final Path PACK = Path.of("../models/tabletop-vlm");
    private static final String CAMERA = "front";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void thePageShowsWhatMqttCarriesAndGroundsLikeSightlineGround(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("manifest.json")), "no model pack at " + PACK);
        Assumptions.assumeTrue(NodeWeb.install(true).isPresent(), NodeWeb.reason);
        int port = freePort();
        String robot = "web" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path expressionFile = tmp.resolve("expression.txt");
        Path shot = Path.of("target", "live-view.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Map<Long, DetectionFrame> published = new ConcurrentHashMap<>();
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        MqttClient paho = new MqttClient(broker.uri(), "webtest-" + System.nanoTime(), new MemoryPersistence());
        // the browser starts first and waits for the port: the page is open from the first frames
        Process browser = NodeWeb.start(tmp.resolve("browser.log"), "live_view_check.js", "http://127.0.0.1:" + port + "/",
            expressionFile.toAbsolutePath().toString(), shot.toString());
        BlockingQueue<JsonNode> lines = lines(browser);
        try (broker) {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            paho.connect(o);
            // the array form: Paho 1.2.5's subscribe(String, int, IMqttMessageListener) recurses into itself
            paho.subscribe(new MqttSubscription[] {new MqttSubscription(new Topics(robot).detections(CAMERA), 0)},
                new IMqttMessageListener[] {(topic, m) -> {
                    DetectionFrame f = DetectionFrame.parseFrom(m.getPayload());
                    published.put(f.getHeader().getSeq(), f);
                }});
            ServiceConfig c = config(broker.uri(), robot, port, false, true);
            try (PerceptionService service = start(c); ServiceHttpServer server = ServiceAssembly.http(c, service).orElseThrow()) {
                JsonNode ended = next(lines, "ended", browser, tmp);
                long seq = ended.path("seq").asLong();
                DetectionFrame mqtt = await(published, seq);
                assertThat(ended.path("rows").size()).as("objects in the final frame").isEqualTo(mqtt.getDetectionsCount()).isPositive();
                assertThat(pairs(ended.path("rows"))).isEqualTo(mqtt.getDetectionsList().stream()
                    .map(d -> d.getTrackId() + " " + d.getHypotheses(0).getClassId()).collect(Collectors.toSet()));

                String expression = expressionFor(mqtt);
                CliRun cli = CliRun.of("ground", "--mqtt-url", broker.uri(), "--robot-id", robot, expression);
                JsonNode viaMqtt = json.readTree(cli.out());
                String mqttStatus = viaMqtt.path("status").asText().replace("GROUNDING_STATUS_", "");
                assertThat(mqttStatus).as(cli.err()).isIn("OK", "NO_MATCH", "AMBIGUOUS");
                Files.writeString(expressionFile, expression);
                JsonNode done = next(lines, "done", browser, tmp);
                assertThat(done.path("answer").path("status").asText()).as(done.toString()).isEqualTo(mqttStatus);
                assertThat(done.path("answer").path("trackId").asText()).isEqualTo(viaMqtt.path("target").path("trackId").asText(""));
                assertThat(done.path("seen").size()).as("frames shown live, without reload").isGreaterThan(1);
                assertThat(done.path("loads").asInt()).as("navigations after the page came up").isZero();
                assertThat(texts(done.path("relations"))).containsExactlyElementsOf(
                    mqtt.getRelationsList().stream().map(SpatialRelation::getText).toList());
                assertThat(done.path("image").get(0).asInt()).isEqualTo(mqtt.getImageWidth());
                assertThat(done.path("image").get(1).asInt()).isEqualTo(mqtt.getImageHeight());
                assertThat(browser.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(browser.exitValue()).as(Files.readString(tmp.resolve("browser.log"))).isZero();
                assertThat(Files.size(shot)).isPositive();

                chatWithTheOpenAiClient(port, expression, viaMqtt, mqtt, tmp);
                badRequestsGet4xxWithAReason(port);
            }
        } finally {
            browser.destroyForcibly();
            if (paho.isConnected()) {
                paho.disconnect();
            }
            paho.close();
        }
    }

    /** The real {@code openai} client: ground / detect / describe answered, and refusals as OpenAI errors. */
    private void chatWithTheOpenAiClient(int port, String expression, JsonNode viaMqtt, DetectionFrame mqtt, Path tmp) throws Exception {
        Process node = NodeWeb.start(tmp.resolve("chat.log"), "chat_check.js", "http://127.0.0.1:" + port + "/v1", "loopback-dummy-key",
            expression);
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(Files.readString(tmp.resolve("chat.log"))).isZero();
        JsonNode r = json.readTree(out);
        JsonNode ground = r.path("ground");
        assertThat(ground.path("object").asText()).isEqualTo("chat.completion");
        assertThat(ground.path("id").asText()).startsWith("chatcmpl-");
        assertThat(ground.path("created").asLong()).isPositive();
        assertThat(ground.path("choices").get(0).path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(ground.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(ground.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(ground.path("sightline").path("task").asText()).isEqualTo("ground");
        JsonNode result = ground.path("sightline").path("result");
        assertThat(result.path("status").asText()).isEqualTo(viaMqtt.path("status").asText());
        assertThat(result.path("target").path("trackId").asText("")).isEqualTo(viaMqtt.path("target").path("trackId").asText(""));
        assertThat(ground.path("choices").get(0).path("message").path("content").asText())
            .startsWith(viaMqtt.path("status").asText().replace("GROUNDING_STATUS_", ""));

        JsonNode detect = r.path("detect");
        assertThat(detect.path("sightline").path("task").asText()).isEqualTo("detect");
        assertThat(detect.path("sightline").path("result").path("detections").size()).isEqualTo(mqtt.getDetectionsCount());
        String listed = detect.path("choices").get(0).path("message").path("content").asText();
        for (Detection d : mqtt.getDetectionsList()) {
            assertThat(listed).contains("track " + d.getTrackId() + " " + d.getHypotheses(0).getClassId());
        }
        JsonNode describe = r.path("describe");
        assertThat(describe.path("sightline").path("task").asText()).isEqualTo("describe");
        assertThat(describe.path("sightline").path("result").path("relations").size()).isEqualTo(mqtt.getRelationsCount());

        assertThat(r.path("stream").path("status").asInt()).isEqualTo(400);
        assertThat(r.path("stream").path("code").asText()).isEqualTo("unsupported_stream");
        assertThat(r.path("image").path("status").asInt()).isEqualTo(400);
        assertThat(r.path("image").path("message").asText()).contains("image input is not answered");
        assertThat(r.path("camera").path("status").asInt()).isEqualTo(400);
        assertThat(r.path("camera").path("message").asText()).contains("unknown camera 'nosuch'");
        assertThat(r.path("oversized").path("status").asInt()).isEqualTo(413);
        assertThat(r.path("oversized").path("code").asText()).isEqualTo("request_too_large");
    }

    private void badRequestsGet4xxWithAReason(int port) throws Exception {
        assertThat(send(port, "GET", "/ground", null)).startsWith("400").contains("expression is empty");
        assertThat(send(port, "POST", "/ground", "not json")).startsWith("400").contains("not JSON");
        assertThat(send(port, "POST", "/ground", "{\"expression\": \"" + "x".repeat(LiveView.MAX_GROUND_BODY_BYTES) + "\"}"))
            .startsWith("413").contains("limit of " + LiveView.MAX_GROUND_BODY_BYTES);
        assertThat(send(port, "POST", "/ground", "{\"expression\": \"" + "x".repeat(1500) + "\"}")).startsWith("400")
            .contains("more than 1000");
        assertThat(send(port, "POST", "/v1/chat/completions", "{\"messages\": ")).startsWith("400").contains("\"error\"")
            .contains("invalid_json");
        assertThat(send(port, "POST", "/v1/chat/completions", "{\"messages\": []}")).startsWith("400").contains("non-empty array");
        assertThat(send(port, "POST", "/v1/chat/completions", "{\"messages\": [{\"role\": \"system\", \"content\": \"hi\"}]}"))
            .startsWith("400").contains("no message with role");
        assertThat(send(port, "GET", "/v1/chat/completions", null)).startsWith("405").contains("\"error\"").contains("POST");
        assertThat(send(port, "POST", "/events", "x")).startsWith("405").contains("event stream");
        assertThat(send(port, "POST", "/frame.jpg", "x")).startsWith("405");
    }

    /** "STATUS BODY" of one request. */
    private String send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    /**
     * Pipeline fps with the page open (events connected, frames fetched) against closed, in one run on a recording
     * played as fast as it decodes, in alternating windows (closed, open, closed, ...; the browser stays up and leaves
     * the page for about:blank in between): printed (the figure), not asserted; the page must have fetched
     * frames while open and none while closed.
     */
    @Test
    void pipelineFpsWithThePageOpenAndClosed(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("manifest.json")), "no model pack at " + PACK);
        Assumptions.assumeTrue(NodeWeb.install(true).isPresent(), NodeWeb.reason);
        int port = freePort();
        long window = 3_000;
        int rounds = 5;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            ServiceConfig c = config(broker.uri(), "fps" + Long.toHexString(System.nanoTime() & 0xffffff), port, true, false);
            try (PerceptionService service = start(c); ServiceHttpServer server = ServiceAssembly.http(c, service).orElseThrow()) {
                Process browser = NodeWeb.start(tmp.resolve("watch.log"), "live_view_watch.js", "http://127.0.0.1:" + port + "/");
                BlockingQueue<JsonNode> lines = lines(browser);
                try (var commands = new java.io.PrintWriter(browser.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    next(lines, "ready", browser, tmp);
                    while (service.metrics().frames() < 20) {
                        Thread.sleep(100);
                    }
                    // modes: 0 closed, 1 the page in Chromium (on this machine's cores), 2 a Java viewer (events + every frame)
                    double[] frames = new double[3];
                    double[] seconds = new double[3];
                    int[] fetched = new int[3];
                    for (int i = 0; i < 3 * rounds; i++) {
                        int mode = i % 3;
                        commands.println(mode == 1 ? "open" : "close");
                        next(lines, mode == 1 ? "opened" : "closed", browser, tmp);
                        commands.println("count");
                        int before = next(lines, "count", browser, tmp).path("frames").asInt();
                        long f0 = service.metrics().frames();
                        long t0 = System.nanoTime();
                        if (mode == 2) {
                            fetched[2] += javaViewer(port, window);
                        } else {
                            Thread.sleep(window);
                        }
                        frames[mode] += service.metrics().frames() - f0;
                        seconds[mode] += (System.nanoTime() - t0) / 1e9;
                        commands.println("count");
                        int after = next(lines, "count", browser, tmp).path("frames").asInt();
                        fetched[mode == 2 ? 0 : mode] += after - before;
                    }
                    commands.println("quit");
                    double closedFps = frames[0] / seconds[0];
                    double pageFps = frames[1] / seconds[1];
                    double javaFps = frames[2] / seconds[2];
                    System.out.printf("live view fps: closed %.2f; page open in Chromium %.2f (ratio %.3f, %d frames fetched);"
                        + " Java viewer %.2f (ratio %.3f, %d frames fetched); %d x %d ms windows each%n", closedFps, pageFps,
                        pageFps / closedFps, fetched[1], javaFps, javaFps / closedFps, fetched[2], rounds, window);
                    assertThat(fetched[1]).as("frames the page fetched while open").isPositive();
                    assertThat(fetched[2]).as("frames the Java viewer fetched").isPositive();
                    assertThat(fetched[0]).as("frames the page fetched while closed").isZero();
                    assertThat(pageFps).isPositive();
                } finally {
                    browser.destroyForcibly();
                }
            }
        }
    }

    /** Holds /events open and fetches /frame.jpg after each event for {@code ms}; returns the frames fetched. */
    private int javaViewer(int port, long ms) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000;
        int[] got = {0};
        HttpRequest events = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events")).build();
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(events, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            HttpRequest frame = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/frame.jpg")).build();
            try {
                var it = stream.body().iterator();
                while (System.nanoTime() < end && it.hasNext()) {
                    if (it.next().startsWith("data: ")
                            && http.send(frame, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200) {
                        got[0]++;
                    }
                }
            } catch (Exception e) {
                // the stream was closed at the end of the window
            }
        }, "java-viewer");
        reader.start();
        reader.join(ms + 5_000);
        stream.body().close();
        return got[0];
    }

    /** "the red cup" for a detection whose colour and shape no other detection of the frame has (else the first). */
    private static String expressionFor(DetectionFrame f) {
        Map<String, Long> counts = f.getDetectionsList().stream().collect(Collectors.groupingBy(LiveViewTest::colourShape,
            Collectors.counting()));
        return "the " + f.getDetectionsList().stream().map(LiveViewTest::colourShape).filter(k -> counts.get(k) == 1)
            .findFirst().orElse(colourShape(f.getDetections(0)));
    }

    private static String colourShape(Detection d) {
        String colour = d.getAttributesList().stream().map(Attribute::getValue).findFirst().orElse("");
        return (colour.isEmpty() ? "" : colour + " ") + d.getHypotheses(0).getClassId();
    }

    private static Set<String> pairs(JsonNode rows) {
        Set<String> s = new java.util.HashSet<>();
        rows.forEach(r -> s.add(r.path("trackId").asText() + " " + r.path("label").asText()));
        return s;
    }

    private static List<String> texts(JsonNode array) {
        List<String> l = new java.util.ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }

    private static DetectionFrame await(Map<Long, DetectionFrame> published, long seq) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!published.containsKey(seq)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no DetectionFrame with seq " + seq + " on MQTT; got " + published.keySet());
            }
            Thread.sleep(50);
        }
        return published.get(seq);
    }

    /** The script's JSON lines, read on a thread of their own. */
    private BlockingQueue<JsonNode> lines(Process p) {
        BlockingQueue<JsonNode> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    q.add(json.readTree(line));
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "node-lines");
        t.setDaemon(true);
        t.start();
        return q;
    }

    private static JsonNode next(BlockingQueue<JsonNode> q, String phase, Process p, Path tmp) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < end) {
            JsonNode n = q.poll(200, TimeUnit.MILLISECONDS);
            if (n != null && phase.equals(n.path("phase").asText())) {
                return n;
            }
            if (n == null && !p.isAlive() && q.isEmpty()) {
                break;
            }
        }
        String logs = Files.list(tmp).filter(f -> f.toString().endsWith(".log")).map(f -> {
            try {
                return f.getFileName() + ":\n" + Files.readString(f);
            } catch (IOException e) {
                return f + ": " + e;
            }
        }).collect(Collectors.joining("\n"));
        throw new AssertionError("node never reported '" + phase + "'\n" + logs);
    }

    private static ServiceConfig config(String brokerUri, String robot, int port, boolean loop, boolean pacing) {
        Map<String, String> o = new HashMap<>();
        o.put("mqtt.url", brokerUri);
        o.put("mqtt.robot_id", robot);
        o.put("source.uri", SCENE.toAbsolutePath().normalize().toString());
        o.put("source.camera_id", CAMERA);
        o.put("source.loop", String.valueOf(loop));
        o.put("source.pacing", String.valueOf(pacing));
        o.put("model.pack", PACK.toAbsolutePath().toString());
        o.put("model.backend", "onnxruntime");
        o.put("http.port", String.valueOf(port));
        return ServiceConfig.loader().load(null, Map.of(), o);
    }

    private static PerceptionService start(ServiceConfig c) {
        return ServiceAssembly.start(c, new ServiceAssembly.Environment(null, Optional.empty(), Optional.empty(), "test", line -> { }));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
