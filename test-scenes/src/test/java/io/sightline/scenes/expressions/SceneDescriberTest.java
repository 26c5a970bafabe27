package io.sightline.scenes.expressions;

import static io.sightline.scenes.expressions.Tabletop.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.split.SplitPolicy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SceneDescriberTest {
    private final SceneDescriber describer = new SceneDescriber();
    private final IndependentResolver resolver = new IndependentResolver();

    @Test
    void describesLeftToRightAndTiesEachObjectToTheNearestNamedOne() {
        List<ObjectAnnotation> objects = List.of(at(1, "red", "cup", 0.6, 0.25), at(2, "blue", "cube", 0.6, -0.1),
                at(3, "green", "ball", 0.9, 0.2));
        assertThat(describer.describe(objects))
                .isEqualTo("a red cup; a green ball behind the red cup; a blue cube right of the red cup.");
    }

    @Test
    void usesAnBeforeAVowelAndNearForCloseObjects() {
        List<ObjectAnnotation> objects = List.of(at(1, "orange", "ball", 0.6, 0.1), at(2, "red", "can", 0.6, 0.0));
        assertThat(describer.describe(objects)).isEqualTo("an orange ball; a red can near the orange ball.");
    }

    @Test
    void leavesOutHalfHiddenObjectsAndNeverRefersToAnAmbiguousOne() {
        List<ObjectAnnotation> objects = List.of(at(1, "red", "cup", 0.6, 0.3), at(2, "red", "cup", 0.9, 0.25),
                at(3, "yellow", "cone", 0.6, 0.0, 0.2));
        assertThat(describer.describe(objects)).isEqualTo("a red cup; a red cup.");
    }

    @Test
    void relationsAreWordedByEachRelationsFirstPhrasing() {
        for (Predicate p : Predicate.values()) {
            assertThat(RelationPhrasing.of(p).get(0).words()).as(p.name()).isEqualTo(p.words());
        }
    }

    @Test
    void anEmptyOrHiddenTableSaysSo() {
        assertThat(describer.describe(List.of())).isEqualTo(SceneDescriber.EMPTY);
        assertThat(describer.describe(List.of(at(1, "red", "cup", 0.6, 0.3, 0.4)))).isEqualTo(SceneDescriber.EMPTY);
    }

    @Test
    void everyStatedRelationHoldsAndNoHeldOutWordingIsUsed() {
        SplitPolicy test = SplitPolicy.forSplit("test");
        SplittableRandom world = new SplittableRandom(31);
        Pattern clause = Pattern.compile("an? (\\w+) (\\w+) (.+) the (\\w+ \\w+)");
        int relations = 0;
        for (int f = 0; f < 500; f++) {
            List<ObjectAnnotation> objects = Tabletop.randomFrame(world, test);
            String text = describer.describe(objects);
            assertThat(text).endsWith(".");
            long named = objects.stream().filter(o -> o.visibility() > 0.5).count();
            String[] clauses = text.substring(0, text.length() - 1).split("; ");
            assertThat(clauses).hasSize(named == 0 ? 1 : (int) named);
            for (String c : clauses) {
                Matcher m = clause.matcher(c);
                if (!m.matches()) {
                    continue;
                }
                relations++;
                String words = m.group(3);
                assertThat(test.isHeldOutPhrasing(words.replace(' ', '_'))).as(c).isFalse();
                IndependentResolver.Resolution r =
                        resolver.resolve("the " + m.group(1) + " " + m.group(2) + " " + words + " the " + m.group(4), objects);
                assertThat(r.anchors()).as(c + " in " + objects).hasSize(1);
                assertThat(r.targets()).as(c + " in " + objects).isNotEmpty();
            }
        }
        assertThat(relations).isGreaterThan(500);
    }
}
