package io.sightline.perception.grounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The question forms the ASK task reads, and the reasons for those it does not. */
class QuestionTest {
    @Test
    void existsForms() {
        assertThat(Question.parse("Is there a cup?")).isEqualTo(new Question(Question.Kind.EXISTS, "a cup"));
        assertThat(Question.parse("is there a cup on the table?")).isEqualTo(new Question(Question.Kind.EXISTS, "a cup"));
        assertThat(Question.parse("are there any people in view")).isEqualTo(new Question(Question.Kind.EXISTS, "people"));
        assertThat(Question.parse("do you see a red car?")).isEqualTo(new Question(Question.Kind.EXISTS, "a red car"));
        assertThat(Question.parse("is there a cup left of the laptop?"))
            .isEqualTo(new Question(Question.Kind.EXISTS, "a cup left of the laptop"));
    }

    @Test
    void countWhereAndColourForms() {
        assertThat(Question.parse("How many people?")).isEqualTo(new Question(Question.Kind.COUNT, "people"));
        assertThat(Question.parse("how many cups are there?")).isEqualTo(new Question(Question.Kind.COUNT, "cups"));
        assertThat(Question.parse("how many red cups can you see")).isEqualTo(new Question(Question.Kind.COUNT, "red cups"));
        assertThat(Question.parse("Where is the laptop?")).isEqualTo(new Question(Question.Kind.WHERE, "the laptop"));
        assertThat(Question.parse("where\u2019s the man in red?")).isEqualTo(new Question(Question.Kind.WHERE, "the man in red"));
        assertThat(Question.parse("What colour is the car?")).isEqualTo(new Question(Question.Kind.COLOUR, "the car"));
        assertThat(Question.parse("what color is the cup left of the laptop"))
            .isEqualTo(new Question(Question.Kind.COLOUR, "the cup left of the laptop"));
        assertThat(Question.parse("what is the colour of the car?")).isEqualTo(new Question(Question.Kind.COLOUR, "the car"));
    }

    @Test
    void otherFormsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Question.parse("why is the cup red?")).isInstanceOf(Question.Unsupported.class)
            .hasMessageContaining("question form not supported").hasMessageContaining(Question.FORMS);
        assertThatThrownBy(() -> Question.parse("pick up the cup")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> Question.parse("how many")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> Question.parse("   ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Question.parse(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Question.parse("有杯子吗？")).hasMessageContaining("no English words");
        assertThatThrownBy(() -> Question.parse("¿hay una taza?")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> Question.parse("is there " + "a ".repeat(200) + "cup?"))
            .hasMessageContaining("at most " + Question.MAX_CHARS);
    }
}
