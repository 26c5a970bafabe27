package io.sightline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.sightline.perception.service.FrameView;
import io.sightline.perception.service.PerceptionService;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live view at {@code /}: one self-contained page (a jar resource, nothing fetched from elsewhere) over
 * {@code /frame.jpg} (the latest frame with the results drawn, {@link FrameView#jpeg}), {@code /state.json} (the
 * latest DetectionFrame as published over MQTT, the description and the service state), {@code /events} (the same
 * state as server-sent events, at most {@link #EVENT_INTERVAL_MS} apart and only while someone is connected) and
 * {@code /ground} (an expression answered by the service's grounding, as a MQTT GroundingRequest is).
 *
 * <p>Nothing here runs on the processing thread: the page's requests run on the HTTP threads and the events on
 * this class's own thread, which reads the message the pipeline already published.
 */
public final class LiveView implements AutoCloseable {
    static final long EVENT_INTERVAL_MS = 200;
    private static final long PING_EVERY_MS = 10_000;
    static final int MAX_GROUND_BODY_BYTES = 4 * 1024;
    private static final JsonFormat.Printer PROTO_JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final PerceptionService service;
    private final ObjectMapper json = new ObjectMapper();
    private final EventStream events = new EventStream();
    private final ScheduledExecutorService ticker;
    private final AtomicLong requests = new AtomicLong();
    private final byte[] page;
    private long sentSeq = -1;
    private long pingedAt = System.currentTimeMillis();

    public LiveView(PerceptionService service) {
        this.service = service;
        try (InputStream in = LiveView.class.getResourceAsStream("live.html")) {
            if (in == null) {
                throw new IllegalStateException("live.html is missing from the jar");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sightline-http-events");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, EVENT_INTERVAL_MS, EVENT_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** The page's routes. */
    public Map<String, Route> routes() {
        return Map.of(
            "/", Route.get(() -> new Reply(200, "text/html; charset=utf-8", page)),
            "/frame.jpg", Route.get(this::frame),
            "/state.json", Route.get(() -> new Reply(200, "application/json", state().toString().getBytes(StandardCharsets.UTF_8))),
            "/ground", new Route(Set.of("GET", "POST"), MAX_GROUND_BODY_BYTES, this::ground, Reply::text));
    }

    /** The page's event stream ({@code /events}). */
    public EventStream events() {
        return events;
    }

    private void tick() {
        try {
            if (events.subscribers() == 0) {
                return;
            }
            Optional<FrameView.Shown> shown = service.view().shown();
            long seq = shown.map(s -> s.message().getHeader().getSeq()).orElse(-1L);
            long now = System.currentTimeMillis();
            if (seq != sentSeq) {
                sentSeq = seq;
                pingedAt = now;
                events.publish(state().toString());
            } else if (now - pingedAt >= PING_EVERY_MS) {
                pingedAt = now;
                events.publish(state().toString()); // the state (e.g. ENDED) may change without a frame
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LiveView.class).warn("http: live view event failed", e);
        }
    }

    private Reply frame() {
        return service.view().jpeg().map(b -> new Reply(200, "image/jpeg", b))
            .orElseGet(() -> Reply.text(503, "503 Service Unavailable: no frame processed yet; try again shortly"));
    }

    /** The view's state: service state, camera, and the latest DetectionFrame as published (proto3 JSON). */
    ObjectNode state() {
        ObjectNode o = json.createObjectNode();
        o.put("camera_id", service.cameraId());
        o.put("state", service.condition().state().name().replace("SERVICE_STATE_", ""));
        o.put("source", service.sourceInfo().toString());
        o.put("ended", service.sourceEnded().isPresent());
        Optional<FrameView.Shown> shown = service.view().shown();
        o.put("seq", shown.map(s -> s.message().getHeader().getSeq()).orElse(-1L));
        o.put("description", shown.map(FrameView.Shown::description).orElse(""));
        o.set("frame", shown.map(s -> protoJson(s.message())).orElse(json.nullNode()));
        return o;
    }

    private JsonNode protoJson(MessageOrBuilder m) {
        try {
            return json.readTree(PROTO_JSON.print(m));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /ground?expression=...&camera_id=...} or {@code POST /ground} with {"expression":..,"camera_id":..}. */
    private Reply ground(Route.Call call) {
        String expression;
        String camera;
        if ("POST".equals(call.method())) {
            JsonNode body;
            try {
                body = json.readTree(call.body());
            } catch (IOException e) {
                return Reply.text(400, "400 Bad Request: the body is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            }
            if (body == null || !body.isObject() || !body.path("expression").isTextual()) {
                return Reply.text(400, "400 Bad Request: send {\"expression\": \"the red cup\"} (camera_id optional)");
            }
            expression = body.path("expression").asText();
            camera = body.path("camera_id").asText("");
        } else {
            expression = call.query().getOrDefault("expression", "");
            camera = call.query().getOrDefault("camera_id", "");
        }
        GroundingRequest request = GroundingRequest.newBuilder().setRequestId("http-" + requests.incrementAndGet())
            .setExpression(expression).setCameraId(camera).build();
        Optional<String> problem = GroundingResponder.problemWith(request);
        if (problem.isPresent()) {
            return Reply.text(400, "400 Bad Request: " + problem.get());
        }
        GroundingResult result = service.ground(request);
        return new Reply(200, "application/json", protoJson(result).toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        events.closeAll();
    }
}
