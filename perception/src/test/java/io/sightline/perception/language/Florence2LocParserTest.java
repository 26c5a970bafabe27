package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class Florence2LocParserTest {
    private final Florence2LocParser parser = new Florence2LocParser();

    @Test
    void parsesLabelThenXyxyAtTheBinCentre() {
        List<LocResult> r = parser.parseStrict("</s><s>red cup<loc_100><loc_200><loc_300><loc_400>blue box<loc_0><loc_0><loc_999><loc_999></s>");
        assertThat(r).hasSize(2);
        assertThat(r.get(0).label()).isEqualTo("red cup");
        assertThat(r.get(0).xMin()).isCloseTo(100.5 / 1000, within(1e-12));
        assertThat(r.get(0).yMin()).isCloseTo(200.5 / 1000, within(1e-12));
        assertThat(r.get(0).xMax()).isCloseTo(300.5 / 1000, within(1e-12));
        assertThat(r.get(0).yMax()).isCloseTo(400.5 / 1000, within(1e-12));
        assertThat(r.get(1).label()).isEqualTo("blue box");
        assertThat(r.get(1).xMax()).isCloseTo(0.9995, within(1e-12));
    }

    @Test
    void aLabelMayCarrySeveralBoxesAndRegionProposalsHaveNoLabel() {
        assertThat(parser.parseStrict("car<loc_1><loc_2><loc_3><loc_4><loc_5><loc_6><loc_7><loc_8>"))
            .extracting(LocResult::label).containsExactly("car", "car");
        assertThat(parser.parseStrict("<loc_1><loc_2><loc_3><loc_4>")).singleElement()
            .satisfies(r -> assertThat(r.label()).isEmpty());
    }

    @Test
    void malformedLabelsAreSkippedLenientlyAndNamedStrictly() {
        String text = "cup<loc_1><loc_2><loc_3>box<loc_1><loc_2><loc_3><loc_4>ball<loc_1><loc_2><loc_1000><loc_4>cone<loc_9><loc_2><loc_3><loc_4>";
        assertThat(parser.parse(text)).extracting(LocResult::label).containsExactly("box");
        assertThatThrownBy(() -> parser.parseStrict("cup<loc_1><loc_2><loc_3>"))
            .isInstanceOf(LocParseException.class).hasMessageContaining("3 loc tokens, not a multiple of 4");
        assertThatThrownBy(() -> parser.parseStrict("ball<loc_1><loc_2><loc_1000><loc_4>"))
            .hasMessageContaining("bin 1000 out of range 0..999");
        assertThatThrownBy(() -> parser.parseStrict("cone<loc_9><loc_2><loc_3><loc_4>"))
            .hasMessageContaining("min corner after max corner");
    }

    @Test
    void textWithoutLocsHasNoBoxes() {
        assertThat(parser.parseStrict("a red cup on the table")).isEmpty();
    }

    @Test
    void grammarNamesPickTheParser() {
        assertThat(LocParser.forGrammar("florence2-loc", 0)).isInstanceOf(Florence2LocParser.class);
        assertThat(LocParser.forGrammar("paligemma-loc", 256)).isInstanceOf(PaligemmaLocParser.class);
        assertThatThrownBy(() -> LocParser.forGrammar("kosmos", 1)).hasMessageContaining("unknown answer grammar 'kosmos'");
    }
}
