package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptTest {
    @Test
    void writesTheTaskWordsTheModelWasTrainedOn() {
        assertThat(Prompt.ground("  the red cup behind the blue box ").words()).isEqualTo("ground the red cup behind the blue box");
        assertThat(Prompt.detect().words()).isEqualTo("detect");
        assertThat(Prompt.detect("red cup ; blue box").words()).isEqualTo("detect red cup ; blue box");
        assertThat(Prompt.describe().words()).isEqualTo("describe");
        assertThat(Prompt.ground("the cup").text()).isEqualTo("the cup");
    }

    @Test
    void parsesTaskWordsBackIntoTheSameValue() {
        assertThat(Prompt.parse(" ground the red cup")).isEqualTo(Prompt.ground("the red cup"));
        assertThat(Prompt.parse("DETECT")).isEqualTo(Prompt.detect());
        assertThat(Prompt.parse("detect red cup ; blue box")).isEqualTo(Prompt.detect("red cup ; blue box"));
        assertThat(Prompt.parse("describe")).isEqualTo(Prompt.describe());
        for (Prompt p : new Prompt[]{Prompt.ground("the cup left of the ball"), Prompt.detect(), Prompt.describe()}) {
            assertThat(Prompt.parse(p.words())).isEqualTo(p);
        }
    }

    @Test
    void refusesAnUnknownTaskAndTextThatDoesNotSuitTheTask() {
        assertThatThrownBy(() -> Prompt.parse("paint the cup")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("prompt must start with ground, detect or describe, got 'paint the cup'");
        assertThatThrownBy(() -> Prompt.ground("  ")).hasMessage("a ground prompt needs an expression");
        assertThatThrownBy(() -> Prompt.parse("ground")).hasMessage("a ground prompt needs an expression");
        assertThatThrownBy(() -> Prompt.parse("describe the table"))
            .hasMessage("a describe prompt takes no text, got 'the table'");
        assertThatThrownBy(() -> new Prompt(null, "x")).isInstanceOf(NullPointerException.class);
    }
}
