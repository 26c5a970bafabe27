package io.sightline.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import io.sightline.cli.testing.ShippedPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code sightline ask <image-or-scene> "<question>"}: the service's task code on one frame run locally, no broker. */
class OfflineAskTest {
    private static final Path COCO = Path.of("..", "models", "coco-nanodet");
    private static final Path FRAME = Path.of("..", "test-scenes", "real", "images", "ocv-vtest-f300.jpg");

    @Test
    void questionsOnARealImageWithTheCocoPack() {
        Assumptions.assumeTrue(Files.isRegularFile(COCO.resolve("detector.onnx")), "no models/coco-nanodet pack");
        CliRun count = ask(COCO, FRAME.toString(), "how many people?");
        assertThat(count.exitCode()).as(count.err()).isZero();
        assertThat(count.out()).contains("\"question\":\"QUESTION_KIND_COUNT\"").contains("\"count\":");
        CliRun detect = CliRun.of("ask", FRAME.toString(), "person", "--task", "detect", "--pack", COCO.toString(), "--backend", "onnxruntime");
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        int people = Integer.parseInt(count.out().replaceAll("(?s).*\"count\":(\\d+).*", "$1"));
        assertThat(detect.out().split("\"classId\":\"person\"", -1).length - 1).isEqualTo(people);

        CliRun where = ask(COCO, FRAME.toString(), "where is the leftmost person?");
        assertThat(where.exitCode()).as(where.err()).isZero();
        assertThat(where.err()).contains("base_link");
        CliRun bad = ask(COCO, FRAME.toString(), "wie viele Menschen?");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).startsWith("ERROR: question form not supported");
    }

    @Test
    void questionsOnTheDemoSceneWithTheSyntheticPack() {
        Optional<Path> pack = ShippedPack.find();
        Path scene = Path.of("..", "test-scenes", "demo", "seq-000");
        Assumptions.assumeTrue(pack.isPresent() && Files.isDirectory(scene), "no model pack or demo scene");
        CliRun described = CliRun.of("ask", scene.toString(), "", "--task", "describe", "--pack", pack.get().toString(),
            "--backend", "onnxruntime");
        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.out()).contains("\"text\":");
        CliRun exists = ask(pack.get(), scene.toString(), "is there a red cube?");
        assertThat(exists.exitCode()).as(exists.err()).isZero();
        assertThat(exists.out()).contains("\"yesNo\":");
    }

    private static CliRun ask(Path pack, String input, String question) {
        CliRun r = CliRun.of("ask", input, question, "--pack", pack.toString(), "--backend", "onnxruntime");
        System.out.println("ask " + question + " -> " + r.exitCode() + "\n" + r.out() + r.err());
        return r;
    }
}
