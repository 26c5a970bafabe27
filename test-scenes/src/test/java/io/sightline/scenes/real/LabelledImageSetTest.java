package io.sightline.scenes.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.scene.Box2D;
import io.sightline.scenes.eval.DetectionFrame;
import io.sightline.scenes.eval.ImageSetResult;
import io.sightline.scenes.eval.MetricsJsonWriter;
import io.sightline.scenes.eval.ScoredBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny labelled image set made here: read, split, scored with exact AP and the operating point. */
class LabelledImageSetTest {
    @TempDir
    Path dir;

    private LabelledImageSet tinySet() throws Exception {
        Files.writeString(dir.resolve(LabelledImageSet.LABELS), String.join("\n",
            "{\"image\": \"images/a.jpg\", \"width\": 100, \"height\": 80, \"split\": \"val\", \"licence\": \"CC0\", \"objects\": ["
                + "{\"label\": \"person\", \"box\": [0, 0, 10, 10], \"crowd\": false},"
                + "{\"label\": \"person\", \"box\": [50, 0, 100, 40], \"crowd\": true},"
                + "{\"label\": \"cup\", \"box\": [20, 20, 30, 40], \"crowd\": false}]}",
            "{\"image\": \"images/b.jpg\", \"width\": 100, \"height\": 80, \"split\": \"test\", \"objects\": []}",
            "{\"image\": \"images/c.jpg\", \"width\": 100, \"height\": 80, \"split\": \"val\", \"negative\": true, \"objects\": []}",
            ""));
        return LabelledImageSet.read(dir);
    }

    @Test
    void readsImagesObjectsCrowdAndSplit() throws Exception {
        LabelledImageSet set = tinySet();
        assertThat(LabelledImageSet.isImageSet(dir)).isTrue();
        assertThat(set.images()).extracting(LabelledImage::name).containsExactly("images/a.jpg", "images/b.jpg", "images/c.jpg");
        assertThat(set.select(ImageSplit.VAL)).extracting(LabelledImage::name).containsExactly("images/a.jpg", "images/c.jpg");
        assertThat(set.select(ImageSplit.TEST)).hasSize(1);
        assertThat(set.select(ImageSplit.ALL)).hasSize(3);
        LabelledImage a = set.images().get(0);
        assertThat(a.file()).isEqualTo(dir.resolve("images/a.jpg"));
        assertThat(a.objects()).hasSize(3);
        assertThat(a.objects().get(1).crowd()).isTrue();
        assertThat(a.objects().get(2).box()).isEqualTo(new Box2D(20, 20, 30, 40));
    }

    @Test
    void scoresTheValSplitWithExactApAndTheOperatingPoint() throws Exception {
        List<LabelledImage> val = tinySet().select(ImageSplit.VAL);
        // a: person found (0.9), a person on the crowd (0.8: ignored), cup found at 0.3 but a false cup at 0.6 ranks first.
        // c (no objects): a false person at 0.7.
        // person: ranked TP(.9) FP(.7) -> rc 1, 1: AP50 1. cup: FP(.6) TP(.3) -> rc 0, 1; pr 0, 1/2 -> AP50 0.5.
        List<DetectionFrame> frames = List.of(
            new DetectionFrame(val.get(0).objects(), List.of(new ScoredBox("person", 0.9, new Box2D(0, 0, 10, 10)),
                new ScoredBox("person", 0.8, new Box2D(60, 5, 70, 30)), new ScoredBox("cup", 0.6, new Box2D(80, 60, 90, 70)),
                new ScoredBox("cup", 0.3, new Box2D(20, 20, 30, 40)))),
            new DetectionFrame(val.get(1).objects(), List.of(new ScoredBox("person", 0.7, new Box2D(0, 0, 20, 20)))));
        ImageSetResult r = ImageSetResult.of("tiny", ImageSplit.VAL, frames, OptionalDouble.of(0.5), Map.of("encode", List.of(2.0, 4.0)));
        assertThat(r.detection().perClass().get("person").ap50()).isCloseTo(1.0, within(1e-12));
        assertThat(r.detection().perClass().get("cup").ap50()).isCloseTo(0.5, within(1e-12));
        Map<String, Object> m = r.metrics();
        assertThat((Double) m.get("detection.map50")).isCloseTo(0.75, within(1e-12));
        assertThat(m.get("images")).isEqualTo(2);
        assertThat(m.get("split")).isEqualTo("val");
        // At 0.5: TP person .9; FP person .7, cup .6; FN cup -> P 1/3, R 1/2, F1 2/5.
        assertThat(m.get("detection.operating_point.true_positives")).isEqualTo(1);
        assertThat(m.get("detection.operating_point.false_positives")).isEqualTo(2);
        assertThat(m.get("detection.operating_point.false_negatives")).isEqualTo(1);
        assertThat((Double) m.get("detection.operating_point.f1")).isCloseTo(0.4, within(1e-12));
        assertThat(m).containsKeys("detection.per_class.cup", "detection.per_class_50_95.person", "latency_ms.encode.p50",
            "detection.best_f1.score_threshold");
        Path json = dir.resolve("out/metrics.json");
        r.writeJson(json);
        assertThat(new MetricsJsonWriter().read(json)).containsEntry("detection.operating_point.score_threshold", 0.5);
        Path html = dir.resolve("out/report.html");
        r.writeHtml(html, "tiny");
        assertThat(Files.readString(html)).contains("tiny (val)").contains("cup");
    }

    @Test
    void aMalformedLineNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve(LabelledImageSet.LABELS),
            "{\"image\": \"a.jpg\", \"width\": 1, \"height\": 1, \"split\": \"val\", \"objects\": []}\n"
                + "{\"image\": \"b.jpg\", \"width\": 1, \"height\": 1, \"split\": \"train\", \"objects\": []}\n");
        assertThatThrownBy(() -> LabelledImageSet.read(dir)).hasMessageContaining("labels.jsonl:2")
            .hasMessageContaining("split must be val, test or all");
    }
}
