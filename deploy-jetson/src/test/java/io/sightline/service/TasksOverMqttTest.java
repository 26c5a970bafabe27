package io.sightline.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.http.MetricReadings;
import io.sightline.http.MetricsEndpoint;
import io.sightline.perception.service.PerceptionService;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.broker.EmbeddedBroker;
import io.sightline.transport.v1.Detection;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.GroundingTask;
import io.sightline.transport.v1.QuestionKind;
import io.sightline.transport.v1.YesNo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sightline run --pack models/coco-nanodet} on a real frame with several people: DETECT, DESCRIBE and ASK
 * requests over MQTT answered from the tracked objects, bad questions answered ERROR with the reason and counted, the
 * service answering on afterwards; a request without a task is still grounding.
 */
class TasksOverMqttTest {
    private static final Path PACK = Path.of("..", "models", "coco-nanodet");
    private static final Path FRAME = Path.of("..", "test-scenes", "real", "images", "ocv-vtest-f300.jpg");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void tasksAndQuestionsOverMqtt(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("detector.onnx")), "no models/coco-nanodet pack");
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < 3; i++) {
            Files.copy(FRAME, images.resolve(String.format("%06d.jpg", i)));
        }
        String robot = "ask" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        String base = "sightline/v1/" + robot + "/";
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        try {
            Map<String, String> o = new HashMap<>();
            o.put("mqtt.robot_id", robot);
            o.put("mqtt.url", broker.uri());
            o.put("mqtt.grounding_timeout_ms", "30000");
            o.put("source.uri", images.toString());
            o.put("model.pack", PACK.toAbsolutePath().toString());
            o.put("model.backend", "onnxruntime");
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            o.put("http.port", String.valueOf(port));
            ServiceConfig config = ServiceConfig.loader().load(null, Map.of(), o);
            PerceptionService service = ServiceAssembly.start(config,
                new ServiceAssembly.Environment(null, Optional.empty(), Optional.empty(), "test", line -> { }));
            Optional<io.sightline.http.ServiceHttpServer> http = ServiceAssembly.http(config, service);
            try (TestSubscriber planner = new TestSubscriber(broker.uri(), base + "#")) {
                planner.await("a DetectionFrame", WAIT, m -> m.topic().equals(base + "detections/cam0"));

                GroundingResult people = request(planner, robot, GroundingTask.GROUNDING_TASK_DETECT, "person");
                assertThat(people.getStatus()).as(people.getError()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(people.getTask()).isEqualTo(GroundingTask.GROUNDING_TASK_DETECT);
                assertThat(people.getTargetsCount()).isGreaterThan(1);
                assertThat(people.getTargetsList()).allMatch(d -> d.getHypotheses(0).getClassId().equals("person"));

                GroundingResult count = request(planner, robot, GroundingTask.GROUNDING_TASK_ASK, "How many people?");
                assertThat(count.getStatus()).as(count.getError()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(count.getQuestion()).isEqualTo(QuestionKind.QUESTION_KIND_COUNT);
                assertThat(count.getCount()).isEqualTo(count.getTargetsCount());
                assertThat(count.getTargetsList()).extracting(Detection::getTrackId)
                    .containsExactlyInAnyOrderElementsOf(people.getTargetsList().stream().map(Detection::getTrackId).toList());

                GroundingResult yes = request(planner, robot, GroundingTask.GROUNDING_TASK_ASK, "is there a person?");
                assertThat(yes.getYesNo()).isEqualTo(YesNo.YES_NO_YES);
                GroundingResult no = request(planner, robot, GroundingTask.GROUNDING_TASK_ASK, "is there a giraffe?");
                assertThat(no.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(no.getYesNo()).isEqualTo(YesNo.YES_NO_NO);
                assertThat(no.getCount()).isZero();

                GroundingResult where = request(planner, robot, GroundingTask.GROUNDING_TASK_ASK, "where is the leftmost person?");
                assertThat(where.getStatus()).as(where.getError()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(where.getQuestion()).isEqualTo(QuestionKind.QUESTION_KIND_WHERE);
                assertThat(where.getTarget().hasPosition()).isTrue();
                assertThat(where.getText()).contains("base_link");
                assertThat(where.getEvidenceList()).allMatch(r -> r.getSubjectTrackId() == where.getTarget().getTrackId()
                    || r.getObjectTrackId() == where.getTarget().getTrackId());

                GroundingResult colour = request(planner, robot, GroundingTask.GROUNDING_TASK_ASK, "what colour is the leftmost person?");
                assertThat(colour.getStatus()).as(colour.getError()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(colour.getColour()).isNotEmpty();
                assertThat(colour.getTarget().getTrackId()).isEqualTo(where.getTarget().getTrackId());

                GroundingResult described = request(planner, robot, GroundingTask.GROUNDING_TASK_DESCRIBE, "");
                assertThat(described.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(described.getText()).contains("person");

                // the chat endpoint answers the same tasks by the same code
                com.fasterxml.jackson.databind.JsonNode chat = chat(port, "How many people?");
                assertThat(chat.path("sightline").path("task").asText()).isEqualTo("ask");
                assertThat(chat.path("sightline").path("result").path("count").asInt()).isEqualTo(count.getCount());
                assertThat(chat.path("choices").get(0).path("message").path("content").asText()).startsWith(count.getText());
                com.fasterxml.jackson.databind.JsonNode chatDetect = chat(port, "detect person");
                assertThat(chatDetect.path("sightline").path("task").asText()).isEqualTo("detect");
                assertThat(chatDetect.path("sightline").path("result").path("targets").size()).isEqualTo(people.getTargetsCount());
                com.fasterxml.jackson.databind.JsonNode listing = chat(port, "detect the objects in the latest frame of camera cam0");
                assertThat(listing.path("sightline").path("result").path("detections").isArray()).as("the frame's listing, as before").isTrue();
                com.fasterxml.jackson.databind.JsonNode chatDescribe = chat(port, "describe the scene");
                assertThat(chatDescribe.path("sightline").path("result").path("description").asText()).isEqualTo(described.getText());
                assertThat(chat(port, "where is the leftmost person?").path("sightline").path("result").path("target")
                    .path("trackId").asLong()).isEqualTo(where.getTarget().getTrackId());

                for (String bad : new String[] {"why is everyone walking?", "y a-t-il une personne ?", "is there a flibbertigibbet?",
                    "how many " + "very ".repeat(70) + "people?"}) {
                    GroundingResult r = request(planner, robot, GroundingTask.GROUNDING_TASK_ASK, bad);
                    assertThat(r.getStatus()).as(bad).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
                    assertThat(r.getError()).as(bad).isNotBlank();
                }
                GroundingResult unknownTask = planner(planner, robot, GroundingRequest.newBuilder().setTaskValue(42)
                    .setExpression("the person"));
                assertThat(unknownTask.getStatus()).isEqualTo(GroundingStatus.GROUNDING_STATUS_ERROR);
                assertThat(unknownTask.getError()).contains("task 42");

                GroundingResult old = planner(planner, robot, GroundingRequest.newBuilder().setExpression("the person on the left"));
                assertThat(old.getStatus()).as(old.getError()).isEqualTo(GroundingStatus.GROUNDING_STATUS_OK);
                assertThat(old.getTask()).isEqualTo(GroundingTask.GROUNDING_TASK_GROUND);
                assertThat(old.getTarget().getTrackId()).isEqualTo(where.getTarget().getTrackId());

                assertThat(service.taskAnswers().get(GroundingTask.GROUNDING_TASK_ASK).get(GroundingStatus.GROUNDING_STATUS_ERROR))
                    .isEqualTo(4);
                TestSubscriber.Received health = planner.await("a Health counting them", WAIT, m -> m.topic().equals(base + "health")
                    && parseHealth(m).getUnansweredRequests() >= 5);
                assertThat(parseHealth(health).getUnansweredRequests()).isEqualTo(5); // 4 questions, 1 task
                String metrics = new String(new MetricsEndpoint(MetricReadings.of(service), false).scrape().body(), StandardCharsets.UTF_8);
                assertThat(metrics).contains("sightline_task_answers_total{status=\"error\",task=\"ask\"} 4.0")
                    .contains("sightline_task_answers_total{status=\"error\",task=\"unknown\"} 1.0");
            } finally {
                http.ifPresent(io.sightline.http.ServiceHttpServer::close);
                service.close();
            }
        } finally {
            broker.close();
        }
    }

    private static io.sightline.transport.v1.Health parseHealth(TestSubscriber.Received m) {
        try {
            return io.sightline.transport.v1.Health.parseFrom(m.payload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode chat(int port, String text) throws Exception {
        String body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().set("messages",
            new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("role", "user").put("content", text))).toString();
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    private static GroundingResult request(TestSubscriber planner, String robot, GroundingTask task, String expression) throws Exception {
        return planner(planner, robot, GroundingRequest.newBuilder().setTask(task).setExpression(expression));
    }

    private static GroundingResult planner(TestSubscriber planner, String robot, GroundingRequest.Builder request) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] correlation = id.getBytes(StandardCharsets.UTF_8);
        String replyTo = "sightline/v1/" + robot + "/ground/response/planner";
        planner.request("sightline/v1/" + robot + "/ground/request", request.setRequestId(id).build().toByteArray(), replyTo, correlation);
        TestSubscriber.Received r = planner.await("result " + id, WAIT, m -> m.topic().equals(replyTo)
            && m.message().getProperties() != null
            && java.util.Arrays.equals(m.message().getProperties().getCorrelationData(), correlation));
        return GroundingResult.parseFrom(r.payload());
    }
}
