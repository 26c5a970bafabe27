package io.sightline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.sightline.cli.mqtt.GroundCommand;
import io.sightline.perception.service.FrameView;
import io.sightline.perception.service.PerceptionService;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.v1.Detection;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.GroundingTask;
import io.sightline.transport.v1.SpatialRelation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import io.sightline.perception.grounding.Question;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/chat/completions} in OpenAI's chat format, answered from the service's tracked scene: the last user
 * message's text picks the task ("detect A ; B": the DETECT task; "detect"/"list ..." alone: the objects of the latest
 * frame; "describe ...": the DESCRIBE task, the scene sentence and relations; "is there / how many / where is / what
 * colour ...": the ASK task; these as MQTT requests of that task are answered; anything else, or "ground:/find/locate/where is ...": grounding of the expression, as a MQTT
 * GroundingRequest is answered), on the latest frame of the service's camera ("... on camera X", "the latest frame of
 * camera X", or the request's {@code camera} field name it). The answer has OpenAI's shape (id, object
 * "chat.completion", created, model, choices[0].message.content, finish_reason, usage) with the structured result in
 * a {@code sightline} field. Usage counts words, not model tokens (no text model runs here).
 *
 * <p>Refused 4xx with an OpenAI error object ({"error": {"message", "type", "param", "code"}}): a body that is not a
 * JSON object, no user text, {@code stream: true} (not supported), an image part (this service answers on its
 * camera's frames only), an unknown camera, bodies over {@link #MAX_BODY_BYTES} (413), methods other than POST (405).
 */
public final class ChatCompletions {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final JsonFormat.Printer PROTO_JSON = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final Pattern CAMERA = Pattern.compile(
        "(?i)\\s*(?:,\\s*)?\\b(?:in|on|from|of)?\\s*(?:the\\s+)?(?:latest\\s+frame\\s+of\\s+)?camera\\s+([A-Za-z0-9_.-]+)\\s*[?.!]?\\s*$");
    private static final Pattern DETECT = Pattern.compile("(?i)^\\s*(?:detect|list|what\\s+objects|what\\s+do\\s+you\\s+see)\\b.*");
    private static final Pattern DESCRIBE = Pattern.compile("(?i)^\\s*(?:describe|what\\s+is\\s+(?:in|on)\\s+the\\s+(?:scene|table))\\b.*");
    private static final Pattern DETECT_PHRASES = Pattern.compile("(?i)^\\s*detect\\s*:?\\s+(.+)$");
    /** "detect the objects", "detect everything": the frame's listing, not phrases. */
    private static final Pattern EVERYTHING = Pattern.compile("(?i)^(?:(?:all|the|every)\\s+)*(?:objects?|things?|everything)(?:\\s+in\\s+view)?$");
    private static final Pattern GROUND = Pattern.compile("(?i)^\\s*(?:ground\\s*:?|find|locate|where\\s+is|point\\s+(?:at|to))\\s+(.+)$");

    private final PerceptionService service;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();

    public ChatCompletions(PerceptionService service) {
        this.service = service;
    }

    /** The route ({@code POST}, bodies up to {@link #MAX_BODY_BYTES}, refusals as OpenAI error objects). */
    public Route route() {
        return new Route(Set.of("POST"), MAX_BODY_BYTES, this::answer, this::error);
    }

    /** An OpenAI-style error object. */
    Reply error(int status, String message) {
        return error(status, message, null, status == 413 ? "request_too_large" : status == 405 ? "method_not_allowed" : null);
    }

    private Reply error(int status, String message, String param, String code) {
        ObjectNode e = json.createObjectNode();
        ObjectNode inner = e.putObject("error");
        inner.put("message", message);
        inner.put("type", "invalid_request_error");
        inner.put("param", param);
        inner.put("code", code);
        return new Reply(status, "application/json", e.toString().getBytes(StandardCharsets.UTF_8));
    }

    Reply answer(Route.Call call) {
        JsonNode body;
        try {
            body = json.readTree(call.body());
        } catch (IOException e) {
            return error(400, "the body is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), null, "invalid_json");
        }
        if (body == null || !body.isObject()) {
            return error(400, "the body must be a JSON object with \"messages\"", null, "invalid_json");
        }
        if (body.path("stream").asBoolean(false)) {
            return error(400, "stream=true is not supported here: ask without stream (the answer comes whole)", "stream", "unsupported_stream");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return error(400, "messages must be a non-empty array of {role, content}", "messages", null);
        }
        JsonNode user = null;
        for (JsonNode m : messages) {
            if (!m.isObject() || !m.path("role").isTextual()) {
                return error(400, "each message needs a role and content", "messages", null);
            }
            if ("user".equals(m.path("role").asText())) {
                user = m;
            }
        }
        if (user == null) {
            return error(400, "no message with role \"user\"", "messages", null);
        }
        StringBuilder text = new StringBuilder();
        JsonNode content = user.path("content");
        if (content.isTextual()) {
            text.append(content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText("");
                if ("text".equals(type)) {
                    text.append(text.length() > 0 ? " " : "").append(part.path("text").asText(""));
                } else if ("image_url".equals(type)) {
                    return error(400, "image input is not answered: this service answers on its camera's latest frame"
                        + " (camera '" + service.cameraId() + "'); send text only, e.g. \"the red cup on camera "
                        + service.cameraId() + "\"", "messages", "unsupported_content");
                } else {
                    return error(400, "content part type '" + type + "' is not supported (text only)", "messages", "unsupported_content");
                }
            }
        } else {
            return error(400, "the user message's content must be a string or an array of parts", "messages", null);
        }
        String prompt = text.toString().strip();
        String camera = body.path("camera").asText("");
        Matcher m = CAMERA.matcher(prompt);
        if (m.find()) {
            camera = m.group(1);
            prompt = prompt.substring(0, m.start()).strip();
        }
        if (prompt.isEmpty()) {
            return error(400, "the user message has no text to answer", "messages", null);
        }
        if (!camera.isEmpty() && !camera.equals(service.cameraId())) {
            return error(400, "unknown camera '" + camera + "'; this service serves camera '" + service.cameraId() + "'", "camera", "unknown_camera");
        }
        String model = body.path("model").asText("sightline");
        String asked = prompt;
        Matcher phrases = DETECT_PHRASES.matcher(prompt);
        if (phrases.matches() && !EVERYTHING.matcher(phrases.group(1).strip()).matches()) {
            return task(model, prompt, "detect", GroundingTask.GROUNDING_TASK_DETECT, phrases.group(1).strip(), camera);
        }
        if (Question.asks(prompt)) {
            return task(model, prompt, "ask", GroundingTask.GROUNDING_TASK_ASK, prompt, camera);
        }
        if (DETECT.matcher(prompt).matches()) {
            return latest().map(s -> completion(model, asked, "detect", detected(s.message()), s, protoJson(s.message())))
                .orElseGet(this::noFrame);
        }
        if (DESCRIBE.matcher(prompt).matches()) {
            GroundingResult d = service.ground(request(GroundingTask.GROUNDING_TASK_DESCRIBE, "", camera));
            if (d.getStatus() != GroundingStatus.GROUNDING_STATUS_OK) {
                return d.getStatus() == GroundingStatus.GROUNDING_STATUS_UNAVAILABLE ? noFrame()
                    : error(400, d.getError(), "messages", null);
            }
            ObjectNode r = json.createObjectNode();
            r.put("description", d.getText());
            ArrayNode rel = r.putArray("relations");
            d.getEvidenceList().forEach(x -> rel.add(protoJson(x)));
            return completionAt(model, asked, "describe", described(d), d.getHeader().getSeq(), r);
        }
        Matcher g = GROUND.matcher(prompt);
        String expression = g.matches() ? g.group(1).strip() : prompt;
        GroundingRequest request = GroundingRequest.newBuilder().setRequestId("chat-" + ids.incrementAndGet())
            .setExpression(expression).setCameraId(camera).build();
        Optional<String> problem = GroundingResponder.problemWith(request);
        if (problem.isPresent()) {
            return error(400, problem.get(), "messages", null);
        }
        GroundingResult result = service.ground(request);
        return completionAt(model, prompt, "ground", grounded(result), null, protoJson(result));
    }

    /** A DETECT or ASK request answered as MQTT requests are ({@link PerceptionService#ground}), its result as JSON. */
    private Reply task(String model, String prompt, String name, GroundingTask task, String expression, String camera) {
        GroundingRequest request = request(task, expression, camera);
        Optional<String> problem = GroundingResponder.problemWith(request);
        if (problem.isPresent()) {
            return error(400, problem.get(), "messages", null);
        }
        GroundingResult result = service.ground(request);
        return completionAt(model, prompt, name, io.sightline.cli.mqtt.AskCommand.summary(result), null, protoJson(result));
    }

    private GroundingRequest request(GroundingTask task, String expression, String camera) {
        return GroundingRequest.newBuilder().setRequestId("chat-" + ids.incrementAndGet()).setTask(task)
            .setExpression(expression).setCameraId(camera).build();
    }

    private Optional<FrameView.Shown> latest() {
        return service.view().shown();
    }

    private Reply noFrame() {
        return error(503, "no frame processed yet on camera '" + service.cameraId() + "'; try again shortly", null, "no_frame");
    }

    private static String grounded(GroundingResult r) {
        String s = GroundCommand.summary(r);
        if (r.hasTarget() && r.getTarget().hasPosition()) {
            s += String.format(Locale.ROOT, "; at (%.2f, %.2f, %.2f) m in %s", r.getTarget().getPosition().getX(),
                r.getTarget().getPosition().getY(), r.getTarget().getPosition().getZ(), r.getTarget().getPositionFrameId());
        }
        return s;
    }

    private static String detected(DetectionFrame f) {
        if (f.getDetectionsCount() == 0) {
            return "Nothing detected in frame " + f.getHeader().getSeq() + ".";
        }
        StringBuilder b = new StringBuilder(f.getDetectionsCount() + " object(s) in frame " + f.getHeader().getSeq() + ":");
        for (Detection d : f.getDetectionsList()) {
            b.append("\n- track ").append(d.getTrackId()).append(' ')
                .append(d.getHypothesesCount() > 0 ? d.getHypotheses(0).getClassId() : "?")
                .append(String.format(Locale.ROOT, " %.2f", d.getHypothesesCount() > 0 ? d.getHypotheses(0).getScore() : 0));
            if (d.hasPosition()) {
                b.append(String.format(Locale.ROOT, " at (%.2f, %.2f) m", d.getPosition().getX(), d.getPosition().getY()));
            }
        }
        return b.toString();
    }

    private static String described(GroundingResult d) {
        StringBuilder b = new StringBuilder(d.getText().isEmpty() ? "Nothing to describe." : d.getText());
        for (SpatialRelation r : d.getEvidenceList()) {
            b.append("\n- ").append(r.getText());
        }
        return b.toString();
    }

    private Reply completion(String model, String prompt, String task, String content, FrameView.Shown shown, JsonNode result) {
        return completionAt(model, prompt, task, content, shown == null ? null : shown.message().getHeader().getSeq(), result);
    }

    private Reply completionAt(String model, String prompt, String task, String content, Long seq, JsonNode result) {
        ObjectNode o = json.createObjectNode();
        o.put("id", "chatcmpl-" + Long.toHexString(System.nanoTime()) + "-" + ids.incrementAndGet());
        o.put("object", "chat.completion");
        o.put("created", System.currentTimeMillis() / 1000);
        o.put("model", model);
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        int in = words(prompt);
        int out = words(content);
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", out);
        usage.put("total_tokens", in + out);
        ObjectNode s = o.putObject("sightline");
        s.put("task", task);
        s.put("camera_id", service.cameraId());
        if (seq != null) {
            s.put("seq", seq);
        }
        s.set("result", result);
        return new Reply(200, "application/json", o.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private JsonNode protoJson(MessageOrBuilder m) {
        try {
            return json.readTree(PROTO_JSON.print(m));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
