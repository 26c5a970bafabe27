package io.sightline.perception.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.relations.RelationFixtures;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackedObject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grounding on tracked objects: classes and their everyday words, measured colours, relations, ordinals, refusals. */
class ObjectGrounderTest {
    private static final List<String> COCO = List.of("person", "cup", "laptop", "couch", "tv", "motorcycle", "bicycle",
        "orange", "bottle", "dining table", "sports ball", "potted plant");
    private final ObjectGrounder grounder = new ObjectGrounder(ObjectVocabulary.forLabels(COCO),
        new RelationExtractor(RelationConfig.groundTruthMargins()), ObjectGroundingConfig.defaults());

    // Robot frame: x forward (away), y left. Boxes: bigger for the laptop.
    private final TrackedObject redCup = obj(1, "cup", 0.6, 0.20, box(100, 300, 140, 350));
    private final TrackedObject laptop = obj(2, "laptop", 0.7, 0.00, box(250, 250, 400, 360));
    private final TrackedObject blueCup = obj(3, "cup", 0.6, -0.20, box(480, 300, 520, 350));
    private final TrackedObject person = obj(4, "person", 2.0, 0.0, box(300, 80, 360, 240));
    private final List<TrackedObject> scene = List.of(redCup, laptop, blueCup, person);
    private final Map<Integer, ColourProfile> colours = Map.of(1, profile(NamedColour.RED, 0.7), 2, profile(NamedColour.GREY, 0.8),
        3, profile(NamedColour.BLUE, 0.6), 4, profile(NamedColour.WHITE, 0.5));

    @Test
    void classWordsAndEverydayWordsNameTheClass() {
        assertThat(target("the laptop")).isEqualTo(2);
        assertThat(target("the man")).isEqualTo(4);
        assertThat(target("the guy")).isEqualTo(4);
        assertThat(target("the woman")).isEqualTo(4);
        assertThat(status("the cup")).isEqualTo(GroundingStatus.AMBIGUOUS);
        assertThat(status("the mug")).isEqualTo(GroundingStatus.AMBIGUOUS);
        assertThat(status("the sofa")).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(status("the television")).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(status("the motorbike")).isEqualTo(GroundingStatus.NO_MATCH);
    }

    @Test
    void aColourPicksTheObjectWhosePixelsShowIt() {
        assertThat(target("the red mug")).isEqualTo(1);
        assertThat(target("the blue cup")).isEqualTo(3);
        assertThat(target("the man in the white t-shirt")).isEqualTo(4);
        assertThat(target("the person in white")).isEqualTo(4);
        assertThat(status("the green cup")).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(status("the woman with the red scarf")).isEqualTo(GroundingStatus.NO_MATCH);
    }

    @Test
    void relationsFollowTheExtractorsRulesOnPositions() {
        assertThat(target("the cup left of the laptop")).isEqualTo(1);
        assertThat(target("the cup to the right of the laptop")).isEqualTo(3);
        assertThat(status("the person next to the grey laptop")).isEqualTo(GroundingStatus.NO_MATCH); // 1.3 m apart
        assertThat(target("the laptop between the red cup and the blue cup")).isEqualTo(2);
        assertThat(target("the person behind the laptop")).isEqualTo(4);
        assertThat(target("the laptop in front of the man")).isEqualTo(2);
        assertThat(status("the red cup right of the laptop")).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(status("the cup nearest the laptop")).isEqualTo(GroundingStatus.AMBIGUOUS); // both 0.22 m from it
        assertThat(target("the object nearest the red cup")).isEqualTo(2); // 0.22 m, the blue cup 0.40 m
    }

    @Test
    void ordinalsAndSuperlatives() {
        assertThat(target("the leftmost cup")).isEqualTo(1);
        assertThat(target("the rightmost cup")).isEqualTo(3);
        assertThat(target("the cup on the right")).isEqualTo(3);
        assertThat(target("the second cup from the left")).isEqualTo(3);
        assertThat(status("the third cup from the left")).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(status("the object nearest the robot")).isEqualTo(GroundingStatus.AMBIGUOUS); // both cups 0.63 m away
        assertThat(target("the farthest object")).isEqualTo(4);
        assertThat(target("the biggest thing")).isEqualTo(2);
        assertThat(status("the biggest cup")).isEqualTo(GroundingStatus.AMBIGUOUS); // same box size
    }

    @Test
    void orangeIsAClassAloneAndAColourBeforeANoun() {
        TrackedObject fruit = obj(7, "orange", 0.5, 0.5, box(0, 0, 20, 20));
        Map<Integer, ColourProfile> c = new HashMap<>(colours);
        c.put(7, profile(NamedColour.ORANGE, 0.9));
        List<TrackedObject> s = List.of(redCup, fruit);
        assertThat(grounder.ground("the orange", s, c).target()).contains(fruit);
        assertThat(grounder.ground("the orange cup", s, c).status()).isEqualTo(GroundingStatus.NO_MATCH);
    }

    @Test
    void whatItCannotReadIsAnErrorWithTheReasonNeverAGuess() {
        GroundingOutcome o = grounder.ground("the smiling guy", scene, colours);
        assertThat(o.status()).isEqualTo(GroundingStatus.ERROR);
        assertThat(o.reason()).contains("'smiling'");
        assertThat(status("la tasse rouge")).isEqualTo(GroundingStatus.ERROR);
        assertThat(status("   ")).isEqualTo(GroundingStatus.ERROR);
        assertThat(status("the cup ".repeat(30))).isEqualTo(GroundingStatus.ERROR);
        assertThat(status("the cups")).isEqualTo(GroundingStatus.ERROR);
        assertThat(status("the cup between the laptop")).isEqualTo(GroundingStatus.ERROR);
        assertThat(status("the striped cup")).isEqualTo(GroundingStatus.ERROR);
    }

    @Test
    void severalOrderingsMustAllPickTheObject() {
        assertThat(target("the small cup on the left")).isEqualTo(1); // same size: "small" ties both cups, "left" picks one
        assertThat(status("the leftmost cup on the right")).isEqualTo(GroundingStatus.NO_MATCH);
    }

    @Test
    void whatWasReadRulingOutEveryObjectIsNoMatchEvenWithUnreadWordsAfterIt() {
        GroundingOutcome dog = grounder.ground("the cup under the chair", List.of(laptop, person), colours);
        assertThat(dog.status()).isEqualTo(GroundingStatus.NO_MATCH);
        assertThat(dog.reason()).contains("the rest was not read").contains("'under'");
        assertThat(status("the green cup with a chipped handle")).isEqualTo(GroundingStatus.NO_MATCH);
        // a cup is there: what the unread words say might pick it, so no answer is given
        assertThat(status("the cup under the chair")).isEqualTo(GroundingStatus.ERROR);
    }

    @Test
    void oddInputGetsAnAnswerNeverAnException() {
        java.util.Random random = new java.util.Random(20);
        List<String> words = List.of("the", "a", "red", "light", "cup", "cups", "one", "left", "of", "right", "on", "in", "with",
            "between", "and", "nearest", "farthest", "from", "second", "two", "biggest", "robot", "to", "front", "behind",
            "orange", "next", "by", "laptop", "man", "t-shirt", "'s", "-", "?", "\u00e9", "");
        List<String> inputs = new java.util.ArrayList<>(List.of("the", "nearest", "the red", "in", "the cup in", "the second",
            "from the left", "between", "the cup between", "the cup between the laptop and", "the cup nearest", "the light",
            "the cup on the", "the cup to the left", "two", "the two cups", "the second cup from", "!!!", "the cup's handle"));
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(9); n >= 0; n--) {
                b.append(words.get(random.nextInt(words.size()))).append(' ');
            }
            inputs.add(b.toString());
        }
        for (String e : inputs) {
            GroundingOutcome o = grounder.ground(e, scene, colours);
            assertThat(o.reason()).as(e).isNotBlank();
        }
    }

    @Test
    void anOkAnswerCarriesTheRelationsOfTheTargetAsEvidence() {
        GroundingOutcome o = grounder.ground("the cup left of the laptop", scene, colours);
        assertThat(o.status()).isEqualTo(GroundingStatus.OK);
        assertThat(o.evidenceCompact()).first().isEqualTo("LEFT_OF(1, 2)");
    }

    private Integer target(String expression) {
        return grounder.ground(expression, scene, colours).target().map(TrackedObject::trackId).orElse(null);
    }

    private GroundingStatus status(String expression) {
        return grounder.ground(expression, scene, colours).status();
    }

    private static TrackedObject obj(int id, String label, double x, double y, Box2D box) {
        return RelationFixtures.at(id, "", label, x, y, box);
    }

    private static Box2D box(double x0, double y0, double x1, double y1) {
        return new Box2D(x0, y0, x1, y1);
    }

    private static ColourProfile profile(NamedColour main, double share) {
        EnumMap<NamedColour, Double> m = new EnumMap<>(NamedColour.class);
        m.put(main, share);
        m.put(main == NamedColour.BLACK ? NamedColour.GREY : NamedColour.BLACK, 1 - share);
        return new ColourProfile(m);
    }
}
