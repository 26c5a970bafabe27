package io.sightline.scenes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import io.sightline.scenes.expressions.SpatialPredicates;
import io.sightline.scenes.generate.GenerationSettings;
import io.sightline.scenes.generate.SceneGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** A generated scene scored against results files written in the replay format. */
class EvaluationReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path scene;
    static List<FrameAnnotation> frames;

    @BeforeAll
    static void generate() throws IOException {
        scene = dir.resolve("scene");
        new SceneGenerator(GenerationSettings.defaults(3, 3, "test").withSize(320, 240).withObjects(3, 5)).generate(scene, null);
        try (Stream<FrameAnnotation> s = SceneReader.open(scene).frames()) {
            frames = s.toList();
        }
    }

    /**
     * A results file that reports each frame's ground truth as the system's answer: every object detected
     * with its own box, track id = object id, the true position; every true relation among them; every
     * expression answered with its target's box or NO_MATCH. When {@code flip} is set, each frame's first
     * targeted expression is answered with the wrong object's box instead.
     */
    static Path oracle(String name, String sceneName, boolean flip) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FrameAnnotation f : frames) {
            ObjectNode line = JSON.createObjectNode().put("scene", sceneName).put("frame", f.index()).put("seq", f.index());
            ArrayNode dets = line.putArray("detections");
            for (ObjectAnnotation o : f.objects()) {
                ObjectNode d = dets.addObject().put("shape", o.shape()).put("colour", o.colour()).put("label", o.label())
                    .put("score", 0.9).put("track_id", o.id());
                d.putArray("box").add(o.box().xMin()).add(o.box().yMin()).add(o.box().xMax()).add(o.box().yMax());
                d.putArray("position").add(o.position().x()).add(o.position().y()).add(0.0);
            }
            ArrayNode rels = line.putArray("relations");
            for (ObjectAnnotation a : f.objects()) {
                for (ObjectAnnotation b : f.objects()) {
                    for (Predicate r : Predicate.values()) {
                        if (a != b && SpatialPredicates.holds(r, a, b)) {
                            rels.addObject().put("subject", a.id()).put("predicate", r.name()).put("object", b.id());
                        }
                    }
                }
            }
            ArrayNode answers = line.putArray("groundings");
            boolean flipped = false;
            for (ExpressionAnnotation e : f.expressions()) {
                ObjectNode a = answers.addObject().put("expression", e.text());
                if (e.targetId() == null) {
                    a.put("status", "NO_MATCH");
                    continue;
                }
                ObjectAnnotation target = f.objects().stream().filter(o -> o.id() == e.targetId()).findFirst().orElseThrow();
                if (flip && !flipped) {
                    target = f.objects().stream().filter(o -> o.id() != e.targetId() && o.box().iou(
                        f.objects().stream().filter(t -> t.id() == e.targetId()).findFirst().orElseThrow().box()) < 0.5)
                        .findFirst().orElse(target);
                    flipped = true;
                }
                a.put("status", "OK").putArray("box").add(target.box().xMin()).add(target.box().yMin())
                    .add(target.box().xMax()).add(target.box().yMax());
            }
            line.putObject("timings_ms").put("encode", 20.0 + f.index()).put("total", 30.0 + f.index());
            lines.add(JSON.writeValueAsString(line));
        }
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }

    private static String sceneName() {
        return SceneReader.open(scene).info().name();
    }

    @Test
    void anOracleScoresPerfectlyAndTheReportIsWellFormed() throws Exception {
        EvaluationReport report = EvaluationReport.ofResults(List.of(scene), List.of(oracle("oracle.jsonl", sceneName(), false)),
            LabelMode.COLOUR_AND_SHAPE, OptionalInt.empty());
        Map<String, Object> m = report.metrics();
        assertThat(m).containsEntry("frames", frames.size()).containsEntry("frames_missing", 0)
            .containsEntry("detection.map50", 1.0).containsEntry("detection.map50_95", 1.0)
            .containsEntry("relations.accuracy", 1.0).containsEntry("position_error_m.p95", 0.0)
            .containsEntry("tracking.id_switches", 0).containsEntry("latency_ms.total.p50", 31.0);
        long targeted = frames.stream().flatMap(f -> f.expressions().stream()).filter(e -> e.targetId() != null).count();
        assertThat(targeted).as("the generated scene has expressions to score").isPositive();
        assertThat(m.get("grounding.acc50")).isEqualTo(1.0);
        assertThat(report.unresolvedRelations()).isZero();

        Path html = dir.resolve("out/report.html");
        report.writeHtml(html, "Sightline evaluation", 4);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        assertThat(doc.getElementsByTagName("svg").getLength()).isGreaterThanOrEqualTo(3);
        assertThat(doc.getElementsByTagName("img").getLength()).isEqualTo(1);
        String src = doc.getElementsByTagName("img").item(0).getAttributes().getNamedItem("src").getNodeValue();
        byte[] png = java.util.Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(Files.readString(html)).contains("detection.map50").contains("Precision-recall at IoU 0.5");

        Path json = dir.resolve("out/metrics.json");
        report.writeJson(json);
        assertThat(new MetricsJsonWriter().read(json)).containsEntry("detection.map50", 1.0);
    }

    @Test
    void aWrongAnswerPerFrameLowersGroundingAndIsShown() throws IOException {
        EvaluationReport report = EvaluationReport.ofResults(List.of(scene), List.of(oracle("flip.jsonl", sceneName(), true)),
            LabelMode.COLOUR_AND_SHAPE, OptionalInt.of(2));
        GroundingMetrics g = report.result().grounding();
        int framesWithTargets = (int) frames.stream().filter(f -> f.expressions().stream().anyMatch(e -> e.targetId() != null)).count();
        assertThat(g.targeted().total() - g.targeted().hits()).isBetween(1, framesWithTargets);
        assertThat(report.metrics()).containsEntry("tracking.id_switches", 2).containsEntry("tracking.id_switches_matched", 0);
        assertThat(report.samples(5)).isNotEmpty().allSatisfy(s -> assertThat(s.png()).isNotEmpty());
    }

    @Test
    void resultsForAnotherSceneScoreNothing() throws Exception {
        EvaluationReport report = EvaluationReport.ofResults(List.of(scene), List.of(oracle("other.jsonl", "elsewhere", false)),
            LabelMode.COLOUR_AND_SHAPE, OptionalInt.empty());
        assertThat(report.metrics()).containsEntry("frames", 0).containsEntry("frames_missing", frames.size())
            .containsEntry("detection.map50", null);
        // Nothing to plot still gives a well-formed page that says what is missing.
        Path html = dir.resolve("empty/report.html");
        report.writeHtml(html, "nothing <scored>", 3);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
        assertThat(Files.readString(html)).contains("nothing &lt;scored&gt;").contains("had no results");
    }

    @Test
    void twoFoldersWithOneSceneNameAreRefused() throws IOException {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        Scene s = SceneReader.open(scene);
        Files.copy(scene.resolve("scene.json"), copy.resolve("scene.json"));
        Files.copy(s.annotationsPath(), copy.resolve("annotations.jsonl"));
        assertThatThrownBy(() -> EvaluatedScenes.open(List.of(scene, copy))).hasMessageContaining("both named");
    }
}
