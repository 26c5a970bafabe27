package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaligemmaLocParserTest {
    private final PaligemmaLocParser parser = new PaligemmaLocParser(256);

    @Test
    void parsesGroupsInYxOrderAtTheBinCentre() {
        List<LocResult> r = parser.parseStrict("<loc0012><loc0034><loc0100><loc0255> red cube ; <loc0000><loc0001><loc0002><loc0003> purple cone<eos>");
        assertThat(r).hasSize(2);
        LocResult a = r.get(0);
        assertThat(a.label()).isEqualTo("red cube");
        assertThat(a.yMin()).isCloseTo(12.5 / 256, within(1e-12));
        assertThat(a.xMin()).isCloseTo(34.5 / 256, within(1e-12));
        assertThat(a.yMax()).isCloseTo(100.5 / 256, within(1e-12));
        assertThat(a.xMax()).isCloseTo(255.5 / 256, within(1e-12));
        assertThat(r.get(1).label()).isEqualTo("purple cone");
        assertThat(a.toPixels(256, 192).xMin()).isCloseTo(34.5, within(1e-9));
        assertThat(a.toPixels(256, 192).yMax()).isCloseTo(100.5 * 192 / 256, within(1e-9));
    }

    @Test
    void acceptsSpacesBetweenLocTokens() {
        assertThat(parser.parseStrict("<loc0012> <loc0034> <loc0100> <loc0200>   blue  cup")).singleElement()
            .satisfies(r -> assertThat(r.label()).isEqualTo("blue cup"));
    }

    @Test
    void noneAndEmptyMeanNoBox() {
        assertThat(parser.parseStrict("none")).isEmpty();
        assertThat(parser.parseStrict("none<eos>")).isEmpty();
        assertThat(parser.parseStrict("  ")).isEmpty();
    }

    @Test
    void lenientParsingSkipsMalformedGroupsAndKeepsTheRest() {
        String text = "<loc0012><loc0034><loc0100> red cube ; <loc0001><loc0002><loc0003><loc0004> blue cup ; "
            + "<loc0001><loc0002><loc0300><loc0004> green can ; <loc0050><loc0002><loc0010><loc0004> red ball ; "
            + "<loc0001><loc0002><loc0003><loc0004>";
        assertThat(parser.parse(text)).extracting(LocResult::label).containsExactly("blue cup");
    }

    @Test
    void strictParsingNamesTheBadGroup() {
        assertThatThrownBy(() -> parser.parseStrict("<loc0012><loc0034><loc0100> red cube"))
            .isInstanceOf(LocParseException.class).hasMessageContaining("group '<loc0012><loc0034><loc0100> red cube'")
            .hasMessageContaining("expected <loc>x4 followed by a label");
        assertThatThrownBy(() -> parser.parseStrict("<loc0001><loc0002><loc0300><loc0004> green can"))
            .hasMessageContaining("bin 300 out of range 0..255");
        assertThatThrownBy(() -> parser.parseStrict("<loc0001><loc0002><loc0003><loc0004>"))
            .hasMessageContaining("label missing");
        assertThatThrownBy(() -> parser.parseStrict("<loc0050><loc0002><loc0010><loc0004> red ball"))
            .hasMessageContaining("min corner after max corner");
    }
}
