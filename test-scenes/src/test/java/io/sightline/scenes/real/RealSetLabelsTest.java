package io.sightline.scenes.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the hand-labelled real-photo set in test-scenes/real/ (labels.jsonl against its images). */
class RealSetLabelsTest {
    private static final Path REAL = Path.of("real");

    /** The 80 COCO class names in the model's order, as in the coco-nanodet pack's contract. */
    private static final List<String> COCO = List.of("person", "bicycle", "car", "motorcycle", "airplane", "bus",
            "train", "truck", "boat", "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird",
            "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
            "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat",
            "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork",
            "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog",
            "pizza", "donut", "cake", "chair", "couch", "potted plant", "bed", "dining table", "toilet", "tv",
            "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
            "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush");

    private static List<JsonNode> rows;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper json = new ObjectMapper();
        rows = new ArrayList<>();
        for (String line : Files.readAllLines(REAL.resolve("labels.jsonl"))) {
            if (!line.isBlank()) {
                rows.add(json.readTree(line));
            }
        }
    }

    @Test
    void hasAtLeastFortyImagesEachListedOnce() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        Set<String> names = new HashSet<>();
        for (JsonNode row : rows) {
            assertThat(names.add(row.get("image").asText())).as(row.get("image").asText()).isTrue();
        }
        try (var files = Files.list(REAL.resolve("images"))) {
            assertThat(files.map(p -> "images/" + p.getFileName())).containsExactlyInAnyOrderElementsOf(names);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyImageExistsWithTheStatedSize() throws IOException {
        for (JsonNode row : rows) {
            Path file = REAL.resolve(row.get("image").asText());
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as(file.toString()).isNotNull();
            assertThat(image.getWidth()).as(file + " width").isEqualTo(row.get("width").asInt());
            assertThat(image.getHeight()).as(file + " height").isEqualTo(row.get("height").asInt());
        }
    }

    @Test
    void boxesLieInsideTheirImageAndLabelsAreCocoClasses() {
        for (JsonNode row : rows) {
            int w = row.get("width").asInt();
            int h = row.get("height").asInt();
            for (JsonNode object : row.get("objects")) {
                String what = row.get("image").asText() + " " + object;
                assertThat(COCO).as(what).contains(object.get("label").asText());
                assertThat(object.get("crowd").isBoolean()).as(what).isTrue();
                JsonNode box = object.get("box");
                assertThat(box.size()).as(what).isEqualTo(4);
                int x1 = box.get(0).asInt();
                int y1 = box.get(1).asInt();
                int x2 = box.get(2).asInt();
                int y2 = box.get(3).asInt();
                assertThat(x1).as(what).isBetween(0, w - 1);
                assertThat(y1).as(what).isBetween(0, h - 1);
                assertThat(x2).as(what).isGreaterThan(x1).isLessThanOrEqualTo(w);
                assertThat(y2).as(what).isGreaterThan(y1).isLessThanOrEqualTo(h);
            }
        }
    }

    @Test
    void bothSplitsArePresentAndHoldPeopleAndSeveralClasses() {
        for (String split : List.of("val", "test")) {
            List<JsonNode> part = rows.stream().filter(r -> r.get("split").asText().equals(split)).toList();
            assertThat(part).as(split).isNotEmpty();
            Set<String> classes = new HashSet<>();
            part.forEach(r -> r.get("objects").forEach(o -> classes.add(o.get("label").asText())));
            assertThat(classes).as(split).contains("person").hasSizeGreaterThanOrEqualTo(5);
        }
        assertThat(rows).allSatisfy(r -> assertThat(r.get("split").asText()).isIn("val", "test"));
    }

    @Test
    void everyImageRecordsItsSourceAndLicence() {
        for (JsonNode row : rows) {
            String what = row.get("image").asText();
            assertThat(row.get("source").asText()).as(what).containsAnyOf("opencv-doc:", "python3-skimage:");
            assertThat(row.get("licence").asText()).as(what).isNotBlank();
            assertThat(row.get("attribution").asText()).as(what).isNotBlank();
            boolean negative = row.path("negative").asBoolean(false);
            assertThat(row.get("objects").isEmpty()).as(what + " empty exactly when marked negative").isEqualTo(negative);
        }
    }
}
