package io.sightline.scenes.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.scene.Box2D;
import io.sightline.scenes.eval.LabelledBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the hand-written expression set test-scenes/real/expressions.jsonl against labels.jsonl. */
class RealExpressionsTest {
    private static final Path REAL = Path.of("real");

    private static RealExpressionSet set;
    private static Map<String, LabelledImage> images;

    @BeforeAll
    static void read() {
        set = RealExpressionSet.read(REAL);
        images = LabelledImageSet.read(REAL).images().stream().collect(Collectors.toMap(LabelledImage::name, Function.identity()));
    }

    @Test
    void hasAtLeast150ExpressionsEachOnce() {
        assertThat(set.expressions()).hasSizeGreaterThanOrEqualTo(150);
        Set<String> seen = new HashSet<>();
        for (RealExpression e : set.expressions()) {
            assertThat(seen.add(e.image() + "|" + e.expression())).as(e.where() + " repeated").isTrue();
        }
    }

    @Test
    void everyExpressionIsOnALabelledImageAndInheritsItsSplit() {
        for (RealExpression e : set.expressions()) {
            assertThat(images).as(e.where()).containsKey(e.image());
            assertThat(e.split()).as(e.where()).isEqualTo(images.get(e.image()).split());
        }
    }

    @Test
    void everyTargetIsALabelledObjectOfItsImage() {
        for (RealExpression e : set.expressions()) {
            if (e.kind() == RealExpressionKind.NO_TARGET) {
                assertThat(e.target()).as(e.where()).isEmpty();
                continue;
            }
            Optional<LabelledBox> object = bestObject(e);
            assertThat(object).as(e.where() + ": no labelled object").isPresent();
            assertThat(object.get().box().iou(e.target().orElseThrow())).as(e.where() + " IoU with " + object.get())
                .isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void theLabelFieldNamesTheTargetsClass() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(REAL.resolve(RealExpressionSet.EXPRESSIONS));
        for (RealExpression e : set.expressions()) {
            JsonNode row = json.readTree(lines.get(e.line() - 1));
            if (e.kind() == RealExpressionKind.NO_TARGET) {
                assertThat(row.has("label")).as(e.where()).isFalse();
            } else {
                assertThat(row.path("label").asText()).as(e.where()).isEqualTo(bestObject(e).orElseThrow().label());
            }
        }
    }

    @Test
    void aClassExpressionsTargetIsTheOnlyObjectOfItsClass() {
        for (RealExpression e : set.expressions()) {
            if (e.kind() == RealExpressionKind.CLASS) {
                String label = bestObject(e).orElseThrow().label();
                assertThat(images.get(e.image()).objects().stream().filter(o -> o.label().equals(label)))
                    .as(e.where() + ": objects of class " + label).hasSize(1);
            }
        }
    }

    @Test
    void everyKindIsInBothSplitsAndAboutFortyPercentAreValidation() {
        for (ImageSplit split : List.of(ImageSplit.VAL, ImageSplit.TEST)) {
            assertThat(set.select(split).stream().map(RealExpression::kind).collect(Collectors.toSet())).as(split.key())
                .containsExactlyInAnyOrder(RealExpressionKind.values());
        }
        double val = (double) set.select(ImageSplit.VAL).size() / set.expressions().size();
        assertThat(val).isBetween(0.3, 0.5);
    }

    /** The image's non-crowd object that overlaps the target most. */
    private static Optional<LabelledBox> bestObject(RealExpression e) {
        Box2D target = e.target().orElseThrow();
        return images.get(e.image()).objects().stream().filter(o -> !o.crowd())
            .max(Comparator.comparingDouble(o -> o.box().iou(target)));
    }
}
