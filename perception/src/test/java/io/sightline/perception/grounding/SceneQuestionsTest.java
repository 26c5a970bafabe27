package io.sightline.perception.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.relations.RelationFixtures;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackedObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** DETECT phrase lists and ASK questions answered over a hand-made tracked scene, with their evidence. */
class SceneQuestionsTest {
    private static final List<String> COCO = List.of("person", "cup", "laptop", "car", "dog");
    private final SceneQuestions questions = new SceneQuestions(new ObjectGrounder(ObjectVocabulary.forLabels(COCO),
        new RelationExtractor(RelationConfig.groundTruthMargins()), ObjectGroundingConfig.defaults()));

    // base_link: x forward, y left.
    private final TrackedObject redCup = RelationFixtures.at(1, "", "cup", 0.6, 0.20, new Box2D(100, 300, 140, 350));
    private final TrackedObject laptop = RelationFixtures.at(2, "", "laptop", 0.7, 0.00, new Box2D(250, 250, 400, 360));
    private final TrackedObject blueCup = RelationFixtures.at(3, "", "cup", 0.6, -0.20, new Box2D(480, 300, 520, 350));
    private final TrackedObject man = RelationFixtures.at(4, "", "person", 2.0, 0.5, new Box2D(300, 80, 360, 240));
    private final TrackedObject woman = RelationFixtures.at(5, "", "person", 2.5, -0.8, new Box2D(500, 80, 540, 240));
    private final List<TrackedObject> scene = List.of(redCup, laptop, blueCup, man, woman);
    private final Map<Integer, ColourProfile> colours = Map.of(1, profile(NamedColour.RED, 0.7), 2, profile(NamedColour.GREY, 0.8),
        3, profile(NamedColour.BLUE, 0.6), 4, profile(NamedColour.WHITE, 0.5), 5, profile(NamedColour.GREEN, 0.6));

    @Test
    void existsSaysYesOrNoWithTheObjectsCounted() {
        TaskAnswer yes = questions.ask("is there a red cup?", scene, colours);
        assertThat(yes.status()).isEqualTo(GroundingStatus.OK);
        assertThat(yes.question()).contains(Question.Kind.EXISTS);
        assertThat(yes.yes()).contains(true);
        assertThat(yes.targets()).containsExactly(redCup);
        assertThat(yes.count()).isEqualTo(OptionalInt.of(1));

        TaskAnswer no = questions.ask("Is there a dog?", scene, colours);
        assertThat(no.status()).isEqualTo(GroundingStatus.OK);
        assertThat(no.yes()).contains(false);
        assertThat(no.targets()).isEmpty();
        assertThat(no.text()).startsWith("no");

        assertThat(questions.ask("is there a cup left of the laptop?", scene, colours).targets()).containsExactly(redCup);
        assertThat(questions.ask("are there any green cups?", scene, colours).yes()).contains(false);
    }

    @Test
    void countCountsEveryObjectThatFits() {
        assertThat(questions.ask("how many people?", scene, colours).count()).isEqualTo(OptionalInt.of(2));
        assertThat(questions.ask("How many cups are there?", scene, colours).targets()).containsExactly(redCup, blueCup);
        assertThat(questions.ask("how many blue mugs?", scene, colours).count()).isEqualTo(OptionalInt.of(1));
        assertThat(questions.ask("how many dogs?", scene, colours).count()).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void whereGivesTheRobotFramePositionAndTheNeighbours() {
        TaskAnswer a = questions.ask("where is the laptop?", scene, colours);
        assertThat(a.status()).isEqualTo(GroundingStatus.OK);
        assertThat(a.target()).contains(laptop);
        assertThat(a.text()).contains("0.70 m ahead").contains("base_link");
        assertThat(a.evidence()).isNotEmpty().allMatch(r -> r.involves(laptop.trackId()));
        assertThat(a.evidence()).anySatisfy(r -> assertThat(r.states(redCup.trackId(), Predicate.LEFT_OF, laptop.trackId())).isTrue());
        assertThat(a.text()).contains(a.evidence().stream().map(SpatialRelation::text).toList().get(0));

        TaskAnswer two = questions.ask("where is the cup?", scene, colours);
        assertThat(two.status()).isEqualTo(GroundingStatus.AMBIGUOUS);
        assertThat(two.candidates()).containsExactlyInAnyOrder(redCup, blueCup);
        assertThat(questions.ask("where is the dog?", scene, colours).status()).isEqualTo(GroundingStatus.NO_MATCH);
    }

    @Test
    void whatColourNamesTheMeasuredColour() {
        TaskAnswer a = questions.ask("what colour is the cup right of the laptop?", scene, colours);
        assertThat(a.status()).isEqualTo(GroundingStatus.OK);
        assertThat(a.target()).contains(blueCup);
        assertThat(a.colour()).isEqualTo("blue");
        assertThat(a.text()).contains("blue 0.60");
        assertThat(questions.ask("what color is the rightmost person?", scene, Map.of()).status()).isEqualTo(GroundingStatus.ERROR);
        assertThat(questions.ask("what colour is the person?", scene, colours).status()).isEqualTo(GroundingStatus.AMBIGUOUS);
    }

    @Test
    void detectListsTheObjectsOfEveryPhrase() {
        TaskAnswer a = questions.detect("person ; red cup", scene, colours);
        assertThat(a.status()).isEqualTo(GroundingStatus.OK);
        assertThat(a.targets()).containsExactly(redCup, man, woman);
        assertThat(questions.detect("", scene, colours).targets()).hasSize(scene.size());
        assertThat(questions.detect("dog", scene, colours).status()).isEqualTo(GroundingStatus.NO_MATCH);
        TaskAnswer bad = questions.detect("person ; zebra-ish blob", scene, colours);
        assertThat(bad.status()).isEqualTo(GroundingStatus.ERROR);
        assertThat(bad.reason()).contains("zebra-ish");
    }

    @Test
    void badQuestionsAreAnsweredErrorWithTheReasonNeverAGuess() {
        for (String q : List.of("", "why is the cup red?", "is there a flibbertigibbet?", "wo ist die Tasse?",
            "how many " + "very ".repeat(60) + "cups?", "where are the cups?")) {
            TaskAnswer a = questions.ask(q, scene, colours);
            assertThat(a.status()).as(q).isEqualTo(GroundingStatus.ERROR);
            assertThat(a.reason()).as(q).isNotBlank();
            assertThat(a.targets()).as(q).isEmpty();
            assertThat(a.target()).as(q).isEmpty();
        }
        assertThat(questions.ask("is there a flibbertigibbet?", scene, colours).reason()).contains("flibbertigibbet");
    }

    private static ColourProfile profile(NamedColour main, double share) {
        EnumMap<NamedColour, Double> m = new EnumMap<>(NamedColour.class);
        m.put(main, share);
        m.put(main == NamedColour.BLACK ? NamedColour.GREY : NamedColour.BLACK, 1 - share);
        return new ColourProfile(m);
    }
}
