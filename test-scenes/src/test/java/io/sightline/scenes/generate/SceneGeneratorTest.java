package io.sightline.scenes.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.scene.SceneValidator;
import io.sightline.perception.scene.ValidationReport;
import io.sightline.scenes.split.SplitPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static GenerationSettings small(long seed, int frames, String split) {
        return GenerationSettings.defaults(seed, frames, split).withSize(320, 240).withObjects(4, 8);
    }

    static List<JsonNode> annotations(Path scene) throws IOException {
        return Files.readAllLines(scene.resolve("annotations.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static byte[] decodedPixels(Path file) {
        try (Mat m = imread(file.toString(), IMREAD_COLOR)) {
            byte[] out = new byte[m.cols() * m.rows() * 3];
            m.data().get(out);
            return out;
        }
    }

    @Test
    void sameSeedGivesIdenticalAnnotationsAndPixels(@TempDir Path tmp) throws IOException {
        GenerationSettings s = small(11, 4, "test");
        new SceneGenerator(s).generate(tmp.resolve("a"), null);
        new SceneGenerator(s).generate(tmp.resolve("b"), null);
        assertThat(Files.readAllBytes(tmp.resolve("b/annotations.jsonl")))
            .isEqualTo(Files.readAllBytes(tmp.resolve("a/annotations.jsonl")));
        assertThat(Files.readAllBytes(tmp.resolve("b/scene.json"))).isEqualTo(Files.readAllBytes(tmp.resolve("a/scene.json")));
        for (int f = 0; f < 4; f++) {
            String name = String.format("frames/%06d.jpg", f);
            assertThat(decodedPixels(tmp.resolve("b").resolve(name))).isEqualTo(decodedPixels(tmp.resolve("a").resolve(name)));
        }
        GenerationSettings other = small(12, 4, "test");
        new SceneGenerator(other).generate(tmp.resolve("c"), null);
        assertThat(Files.readAllBytes(tmp.resolve("c/annotations.jsonl")))
            .isNotEqualTo(Files.readAllBytes(tmp.resolve("a/annotations.jsonl")));
    }

    @Test
    void trackIdsKeepTheirObjectAcrossTheSequence(@TempDir Path tmp) throws IOException {
        new SceneGenerator(small(5, 12, "val")).generate(tmp, null);
        Map<Integer, String> labelOf = new HashMap<>();
        Map<Integer, double[]> lastPosition = new HashMap<>();
        Map<Integer, Integer> lastFrame = new HashMap<>();
        List<JsonNode> frames = annotations(tmp);
        assertThat(frames).hasSize(12);
        for (JsonNode frame : frames) {
            int index = frame.get("index").asInt();
            for (JsonNode o : frame.get("objects")) {
                int id = o.get("id").asInt();
                String label = o.get("colour").asText() + " " + o.get("shape").asText();
                assertThat(labelOf.putIfAbsent(id, label)).as("id %d", id).isIn(null, label);
                double[] p = {o.get("position").get(0).asDouble(), o.get("position").get(1).asDouble()};
                double[] q = lastPosition.put(id, p);
                Integer previous = lastFrame.put(id, index);
                if (q != null && previous == index - 1) {
                    // The robot moves slowly: an object's base_link position moves by millimetres per frame.
                    assertThat(Math.hypot(p[0] - q[0], p[1] - q[1])).as("id %d at frame %d", id, index).isLessThan(0.02);
                }
            }
        }
        assertThat(labelOf).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void trainNeverShowsAHeldOutComposition(@TempDir Path tmp) throws IOException {
        SplitPolicy policy = SplitPolicy.forSplit("train");
        new SceneGenerator(small(3, 2, "train").withSequences(6).withObjects(8, 12)).generate(tmp, null);
        int objects = 0;
        for (int k = 0; k < 6; k++) {
            for (JsonNode frame : annotations(tmp.resolve(String.format("seq-%03d", k)))) {
                for (JsonNode o : frame.get("objects")) {
                    objects++;
                    assertThat(policy.isHeldOutComposition(o.get("shape").asText(), o.get("colour").asText())).isFalse();
                }
                for (JsonNode e : frame.get("expressions")) {
                    assertThat(e.get("held_out").asBoolean()).isFalse();
                }
            }
        }
        assertThat(objects).isGreaterThan(40);
    }

    @Test
    void annotatesEveryVisibleObjectWithAPlausibleBox(@TempDir Path tmp) throws IOException {
        new SceneGenerator(small(8, 3, "demo")).generate(tmp, null);
        ValidationReport report = new SceneValidator(true).validate(tmp);
        assertThat(report.problems()).isEmpty();
        assertThat(report.linesRead()).isEqualTo(3);
        for (JsonNode frame : annotations(tmp)) {
            assertThat(frame.get("objects").size()).isPositive();
            assertThat(frame.get("expressions").size()).isPositive();
            for (JsonNode o : frame.get("objects")) {
                JsonNode b = o.get("box");
                assertThat(b.get(0).asDouble()).isBetween(0.0, 319.0);
                assertThat(b.get(2).asDouble()).isGreaterThan(b.get(0).asDouble()).isLessThanOrEqualTo(320.0);
                assertThat(b.get(3).asDouble()).isGreaterThan(b.get(1).asDouble()).isLessThanOrEqualTo(240.0);
                assertThat(o.get("visibility").asDouble()).isBetween(0.0, 1.0);
                assertThat(o.get("position").get(2).asDouble()).isZero();
            }
        }
    }
}
