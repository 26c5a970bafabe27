package io.sightline.cli.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.cli.UserFacingException;
import io.sightline.perception.grounding.GroundingOutcome;
import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.grounding.TaskAnswer;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.SceneTasks;
import io.sightline.perception.service.ProtoMapper;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.mqtt.PayloadDecoder;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.pipeline.PerceptionResult;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneFormatException;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.Frame;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code sightline ground <scene-or-image> "<expression>"}: one grounding run locally, without the service:
 * the frame (a scene's frame {@code --frame N}, or an image file) goes through the frame pipeline once, then
 * the expression through the {@link Grounder}. Prints a JSON line on stdout and a summary on stderr.
 * An image has no recorded camera: positions and relations use the default tabletop camera at its size.
 */
public final class OfflineGround {
    public static final int EXIT_NO_MATCH = 3;
    public static final int EXIT_AMBIGUOUS = 5;

    private OfflineGround() {}

    public static int run(Path input, String expression, int frameIndex, ModelOptions model, PrintWriter out, PrintWriter err) {
        if (expression == null || expression.isBlank()) {
            throw new UserFacingException("offline grounding: the expression is empty", 2);
        }
        return onFrame(input, frameIndex, model, (vlm, outcome) -> {
            Grounder.Answer a = Grounder.forModel(vlm).ground(outcome, expression);
            out.println(json(expression, outcome.result(), a));
            out.flush();
            err.println(summary(a));
            err.flush();
            return switch (a.outcome().status()) {
                case OK -> 0;
                case NO_MATCH -> EXIT_NO_MATCH;
                case AMBIGUOUS -> EXIT_AMBIGUOUS;
                case ERROR -> 1;
            };
        });
    }

    /**
     * {@code sightline ask <scene-or-image> "<question>"}: a DETECT / DESCRIBE / ASK request answered on one frame run
     * locally, by the service's own {@link SceneTasks}; the GroundingResult as a JSON line on stdout, as over MQTT.
     *
     * @param answer the result's exit code ({@code AskCommand}'s)
     */
    public static int task(Path input, GroundingRequest request, int frameIndex, ModelOptions model, PrintWriter out,
                           PrintWriter err, java.util.function.ToIntFunction<GroundingResult> answer,
                           java.util.function.Function<GroundingResult, String> summary) {
        return onFrame(input, frameIndex, model, (vlm, outcome) -> {
            SceneTasks tasks = SceneTasks.forModel(vlm);
            TaskAnswer a = switch (GroundingResponder.task(request)) {
                case GROUNDING_TASK_DETECT -> tasks.detect(outcome, request.getExpression());
                case GROUNDING_TASK_DESCRIBE -> tasks.describe(outcome);
                default -> tasks.ask(outcome, request.getExpression());
            };
            GroundingResult r = new ProtoMapper("offline", "offline", vlm.pack().manifest().name(), "")
                .taskResult(a, outcome, System.currentTimeMillis()).toBuilder().setRequestId(request.getRequestId())
                .setExpression(request.getExpression()).setTask(GroundingResponder.task(request)).build();
            out.println(new PayloadDecoder().toJson(r));
            out.flush();
            err.println(summary.apply(r));
            err.flush();
            return answer.applyAsInt(r);
        });
    }

    @FunctionalInterface
    private interface OnFrame {
        int answer(VlmModel vlm, FrameOutcome outcome);
    }

    /** The frame ({@code --frame N} of a scene, or an image) through the pack's pipeline once, then {@code then}. */
    private static int onFrame(Path input, int frameIndex, ModelOptions model, OnFrame then) {
        if (!Files.exists(input)) {
            throw new UserFacingException("offline grounding: " + input + ": no such scene folder or image", 2);
        }
        String name;
        CameraModel camera;
        Mat image;
        try {
            if (Files.isDirectory(input)) {
                Scene scene = SceneReader.open(input);
                if (frameIndex < 0 || frameIndex >= scene.frameCount()) {
                    throw new UserFacingException("--frame " + frameIndex + ": scene " + input + " has frames 0.."
                        + (scene.frameCount() - 1), 2);
                }
                name = scene.info().name();
                camera = scene.info().camera();
                image = scene.readImage(frameIndex);
            } else {
                name = input.getFileName().toString();
                image = FrameImages.read(input);
                camera = CameraModels.tabletop(image.cols(), image.rows());
                frameIndex = -1;
            }
        } catch (SceneFormatException e) {
            throw new UserFacingException(e.getMessage());
        }
        // One frame: a detection is a track at once (minHits 1), so relations and evidence cover it.
        TrackerConfig oneShot = new TrackerConfig(TrackerConfig.defaults().iouThreshold(), 1,
            TrackerConfig.defaults().maxMisses(), TrackerConfig.defaults().maxDistanceM());
        try (Frame frame = new Frame(0, "offline", System.nanoTime(), System.currentTimeMillis(), frameIndex, image);
             VlmModel vlm = model.openAtOperatingPoint()) { // what run would publish, not the full curve
            PerceptionPipeline pipeline = PerceptionPipeline.forModel(name, vlm, camera, oneShot);
            FrameOutcome outcome = pipeline.process(frame, 0, 0);
            return then.answer(vlm, outcome);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    static String summary(Grounder.Answer a) {
        GroundingOutcome o = a.outcome();
        String timing = String.format(Locale.ROOT, "first token %.1f ms, %.1f tokens/s",
            a.generation().timeToFirstTokenNanos() / 1e6, a.generation().tokensPerSecond());
        return switch (o.status()) {
            case OK -> {
                TrackedObject t = o.target().orElseThrow();
                yield "OK: #" + t.trackId() + " " + t.label() + " " + box(t.detection().box())
                    + t.position().map(p -> String.format(Locale.ROOT, " at (%.2f, %.2f) m", p.x(), p.y())).orElse("")
                    + (o.evidence().isEmpty() ? "" : "; " + String.join(", ", o.evidence().stream().map(r -> r.text()).toList()))
                    + " (" + timing + ")";
            }
            case NO_MATCH -> "NO_MATCH: " + o.reason() + " (model said \"" + a.generation().text() + "\"; " + timing + ")";
            case AMBIGUOUS -> "AMBIGUOUS: " + o.candidates().size() + " candidates: " + o.reason() + " (" + timing + ")";
            case ERROR -> "ERROR: " + o.reason();
        };
    }

    private static String box(Box2D b) {
        return String.format(Locale.ROOT, "[%.0f, %.0f, %.0f, %.0f]", b.xMin(), b.yMin(), b.xMax(), b.yMax());
    }

    private static String json(String expression, PerceptionResult r, Grounder.Answer a) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode();
        GroundingOutcome o = a.outcome();
        n.put("source", r.source());
        n.put("frame", r.frameIndex());
        n.put("expression", expression);
        n.put("status", o.status().name());
        o.target().ifPresent(t -> {
            n.put("track_id", t.trackId());
            n.put("label", t.label());
            Box2D b = t.detection().box();
            ArrayNode box = n.putArray("box");
            box.add(b.xMin()).add(b.yMin()).add(b.xMax()).add(b.yMax());
            t.position().ifPresent(p -> n.putArray("position").add(p.x()).add(p.y()).add(p.z()));
        });
        ArrayNode evidence = n.putArray("evidence");
        o.evidence().forEach(e -> evidence.add(e.text()));
        n.put("iou", o.iou());
        n.put("reason", o.reason());
        n.put("model_text", a.generation().text());
        n.put("detections", r.objects().size());
        n.put("time_to_first_token_ms", a.generation().timeToFirstTokenNanos() / 1e6);
        n.put("tokens_per_second", a.generation().tokensPerSecond());
        return n.toString();
    }
}
